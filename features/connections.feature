Feature: Connections
  Shippers usually keep one HTTP connection open and send many requests over
  it. The server authorizes each request by its own Authorization header
  alone, so a token sent on an earlier request does not carry over to a
  later request on the same connection. A later request with another token
  writes into that token's env. A later request without a credential is
  handled like any request without one: it takes the open path while
  require-auth is off and is answered 401 while require-auth is on.

  Rule: Each request on a keep-alive connection is authorized on its own

    @CONN-INDEPENDENT @http @policy
    Scenario Outline: each request over one <endpoint> connection writes to its own env, require-auth off
      Every storage check looks only for the events of the request just sent.
      So "nothing is stored in env alpha" means that the second request's
      events did not reach the first token's env, which still holds the
      events of the first request.

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

      Examples: the ingest API and one endpoint per shim family
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

      Examples: the ingest API and one endpoint per shim family
        | endpoint  | description           |
        | ingest    | HeliosLogs ingest API |
        | hec-raw   | Splunk HEC raw        |
        | bulk-path | Elasticsearch bulk    |
        | otlp      | OpenTelemetry logs    |
        | loki      | Loki push API         |
