Feature: Connections
  Shippers usually keep one HTTP connection open and send many requests over
  it. The server must decide about each request on its own: a credential
  presented on an earlier request of the same connection counts for nothing
  on a later one. Requests with different tokens land in their own envs, and
  a request without a credential is treated as having none.

  Rule: Each request on a keep-alive connection is authorized on its own

    @CONN-INDEPENDENT @http @policy
    Scenario Outline: requests over one <endpoint> connection keep their own credentials, require-auth off
      Given require-auth is off
      And an ingest token "a" for env "alpha"
      And an ingest token "b" for env "beta"
      And a shipper holding one keep-alive connection to the target
      When the shipper sends 2 events to <endpoint> with the token "a" as bearer over that connection
      Then the request is accepted
      And the events are stored in env "alpha"
      When the shipper sends 2 events to <endpoint> with the token "b" as bearer over that connection
      Then the request is accepted
      And the events are stored in env "beta"
      And nothing is stored in env "alpha"
      When the shipper sends 2 events to <endpoint> without a credential over that connection, naming env "open" in the query
      Then the request is accepted
      And the events are stored in env "open"
      And nothing is stored in env "beta"
      And every request after the first used the same connection

      Examples: one endpoint per shim family
        | endpoint  | description            |
        | ingest    | HeliosLogs ingest API  |
        | hec-event | Splunk HEC event       |
        | bulk      | Elasticsearch bulk API |
        | otlp      | OpenTelemetry logs     |
        | loki      | Loki push API          |

    @CONN-INDEPENDENT @http @policy
    Scenario Outline: a request without a credential after a valid one on <endpoint> is rejected under require-auth
      Given require-auth is on
      And an ingest token "a" for env "alpha"
      And a shipper holding one keep-alive connection to the target
      When the shipper sends 2 events to <endpoint> with the token "a" as bearer over that connection
      Then the request is accepted
      And the events are stored in env "alpha"
      When the shipper sends 2 events to <endpoint> without a credential over that connection, naming env "open" in the query
      Then the response status is 401
      And nothing is stored
      And every request after the first used the same connection

      Examples: one endpoint per shim family
        | endpoint  | description            |
        | ingest    | HeliosLogs ingest API  |
        | hec-raw   | Splunk HEC raw         |
        | bulk-path | Elasticsearch bulk     |
        | otlp      | OpenTelemetry logs     |
        | loki      | Loki push API          |
