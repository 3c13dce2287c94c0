Feature: Ingest tokens and API keys do different jobs
  HeliosLogs has two kinds of secret. An ingest token authorizes writing
  events, on the ingest API and on every compatibility API. An API key
  authorizes the REST API: searching, and with the admin role, managing
  tokens. Neither works in the other's place, and a token copied from a
  shipper cannot read or administer anything.

  A key pasted into a shipper is an unknown ingest token. As a Bearer or
  Splunk credential it is answered 401 even while require-auth is off, so
  the shipper's error shows the mistake at once. As a Basic username or
  password it matches no token, and Basic treats that as no credential at
  all. While require-auth is on the write is answered 401, but while it is
  off the write is accepted on the open path, into the env that the request
  names or the default env, and nothing reports the wrong credential.

  Rule: An API key presented to an ingest endpoint is an unknown ingest token

    @KEYS-NOT-INGEST @doc
    Scenario Outline: an API key in a strict scheme is rejected and stores nothing
      Given a reader API key "reader"
      When a shipper sends 1 event to <endpoint> naming a fresh env with the <role> API key as <presentation>
      Then the response status is 401
      And nothing is stored

      Examples: the admin key on each endpoint class
        | role  | presentation | endpoint  | description                 |
        | admin | bearer       | ingest    | Bearer on the ingest API    |
        | admin | splunk       | hec-event | Splunk on the HEC event API |
        | admin | splunk       | hec-raw   | Splunk on the HEC raw API   |
        | admin | bearer       | bulk      | Bearer on the bulk API      |
        | admin | bearer       | otlp      | Bearer on OTLP logs         |
        | admin | bearer       | loki      | Bearer on the Loki push API |

      Examples: a reader key on each endpoint class
        | role   | presentation | endpoint      | description                 |
        | reader | bearer       | ingest        | Bearer on the ingest API    |
        | reader | splunk       | ingest        | Splunk on the ingest API    |
        | reader | splunk       | hec-collector | Splunk on the HEC collector |
        | reader | bearer       | bulk-path     | Bearer on bulk with a path  |
        | reader | splunk       | otlp          | Splunk on OTLP logs         |
        | reader | splunk       | loki          | Splunk on the Loki push API |

  Rule: An ingest token cannot read or administer

    @TOKENS-NOT-READ @doc
    Scenario: an ingest token cannot search, not even its own env
      Given an ingest token for a fresh env
      And a shipper sends 1 event to ingest with the token as bearer
      And the events are stored in the token's env
      When the ingest token is used to search the token's env
      Then the request is rejected with 401 or 403
      And the response contains none of the scenario's events

    @TOKENS-NOT-READ @doc
    Scenario: an ingest token cannot list the ingest tokens
      Given an ingest token for a fresh env
      When the ingest token is used to list the ingest tokens
      Then the request is rejected with 401 or 403
      And the response reveals no part of a secret
