Feature: Require-auth
  HeliosLogs accepts log events on several endpoints: its own ingest API and
  compatibility endpoints for Splunk HEC, Elasticsearch bulk, OpenTelemetry
  and Loki. A single switch, require-auth, decides what happens to a request
  that carries no usable credential. While the switch is off such a request
  is accepted on the "open path" and the request itself chooses the env its
  events go to. Once the switch is on, every ingest request needs a valid,
  enabled ingest token, and a request without one is answered 401 with
  nothing stored.

  Rule: While require-auth is off, a request without credentials is accepted on every endpoint

    A new server starts with require-auth off. A target shared with other
    users may have it on, so these scenarios switch it off first and restore
    it afterwards.

    @OPEN-DEFAULT @doc @policy
    Scenario Outline: <endpoint> accepts events without a credential
      Given require-auth is off
      When a shipper sends 2 events to <endpoint> without a credential, naming env "open" in the query
      Then the request is accepted
      And the events are stored in env "open"

      Examples: every ingest endpoint
        | endpoint      | description                   |
        | ingest        | HeliosLogs ingest API         |
        | hec-event     | Splunk HEC event endpoint     |
        | hec-collector | Splunk HEC collector endpoint |
        | hec-raw       | Splunk HEC raw endpoint       |
        | bulk          | Elasticsearch bulk API        |
        | bulk-path     | Elasticsearch bulk with index |
        | otlp          | OpenTelemetry logs over HTTP  |
        | loki          | Loki push API                 |

    @OPEN-DEFAULT @doc @policy
    Scenario: switching require-auth on closes the open path
      Given require-auth is on
      When a shipper sends 1 event to ingest without a credential, naming env "open" in the query
      Then the response status is 401
      And nothing is stored in env "open"

  Rule: On the open path the query parameter, then the header, then "default" choose the env

    @OPEN-ENV @profile @policy
    Scenario Outline: the env of an open-path request comes from <place>
      Given require-auth is off
      When a shipper sends 2 events to <endpoint> without a credential, naming env "chosen" in the <place>
      Then the request is accepted
      And the events are stored in env "chosen"

      Examples: where the env is named
        | endpoint  | place               | description                     |
        | ingest    | query               | ingest API, env query parameter |
        | ingest    | X-Helios-Env header | ingest API, X-Helios-Env header |
        | hec-event | query               | HEC events, env query parameter |
        | loki      | X-Helios-Env header | Loki push, X-Helios-Env header  |

    @OPEN-ENV @profile @policy
    Scenario: the query parameter wins over the header when both name an env
      Given require-auth is off
      When a shipper sends 2 events to ingest without a credential, naming env "from-query" in the query and env "from-header" in the X-Helios-Env header
      Then the request is accepted
      And the events are stored in env "from-query"
      And nothing is stored in env "from-header"

    @OPEN-ENV @profile @policy
    Scenario: a request that names no env lands in the env called "default"
      Given require-auth is off
      When a shipper sends 2 events to ingest without a credential
      Then the request is accepted
      And the events are stored in the default env

  Rule: With require-auth on, a request without a valid token is answered 401 and stores nothing

    @REQ-401 @doc @policy
    Scenario Outline: <endpoint> answers 401 to a request with <credential>
      Given require-auth is on
      When a shipper sends 2 events to <endpoint> presenting <credential>
      Then the response status is 401
      And nothing is stored

      Examples: no Authorization header
        | endpoint      | credential    | description                    |
        | ingest        | no credential | ingest API without a header    |
        | hec-event     | no credential | HEC event without a header     |
        | hec-collector | no credential | HEC collector without a header |
        | hec-raw       | no credential | HEC raw without a header       |
        | bulk          | no credential | bulk without a header          |
        | bulk-path     | no credential | bulk with index, no header     |
        | otlp          | no credential | OTLP logs without a header     |
        | loki          | no credential | Loki push without a header     |

      Examples: a Bearer token the server never issued
        | endpoint      | credential              | description                     |
        | ingest        | an unknown Bearer token | ingest API, unknown Bearer      |
        | hec-event     | an unknown Bearer token | HEC event, unknown Bearer       |
        | hec-collector | an unknown Bearer token | HEC collector, unknown Bearer   |
        | hec-raw       | an unknown Bearer token | HEC raw, unknown Bearer         |
        | bulk          | an unknown Bearer token | bulk, unknown Bearer            |
        | bulk-path     | an unknown Bearer token | bulk with index, unknown Bearer |
        | otlp          | an unknown Bearer token | OTLP logs, unknown Bearer       |
        | loki          | an unknown Bearer token | Loki push, unknown Bearer       |

      Examples: a Splunk token the server never issued
        | endpoint      | credential              | description                     |
        | ingest        | an unknown Splunk token | ingest API, unknown Splunk      |
        | hec-event     | an unknown Splunk token | HEC event, unknown Splunk       |
        | hec-collector | an unknown Splunk token | HEC collector, unknown Splunk   |
        | hec-raw       | an unknown Splunk token | HEC raw, unknown Splunk         |
        | bulk          | an unknown Splunk token | bulk, unknown Splunk            |
        | bulk-path     | an unknown Splunk token | bulk with index, unknown Splunk |
        | otlp          | an unknown Splunk token | OTLP logs, unknown Splunk       |
        | loki          | an unknown Splunk token | Loki push, unknown Splunk       |

      Examples: a Basic credential that matches no token
        | endpoint      | credential                       | description                    |
        | ingest        | an unrecognized Basic credential | ingest API, unknown Basic      |
        | hec-event     | an unrecognized Basic credential | HEC event, unknown Basic       |
        | hec-collector | an unrecognized Basic credential | HEC collector, unknown Basic   |
        | hec-raw       | an unrecognized Basic credential | HEC raw, unknown Basic         |
        | bulk          | an unrecognized Basic credential | bulk, unknown Basic            |
        | bulk-path     | an unrecognized Basic credential | bulk with index, unknown Basic |
        | otlp          | an unrecognized Basic credential | OTLP logs, unknown Basic       |
        | loki          | an unrecognized Basic credential | Loki push, unknown Basic       |

  Rule: With require-auth on, a valid and enabled token is accepted in every presentation

    @REQ-VALID @doc @policy
    Scenario Outline: <endpoint> accepts a valid token as <presentation>
      Given require-auth is on
      And an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as <presentation>
      Then the request is accepted
      And the events are stored in the token's env

      Examples: the token as a Bearer credential
        | endpoint      | presentation | description             |
        | ingest        | bearer       | ingest API, Bearer      |
        | hec-event     | bearer       | HEC event, Bearer       |
        | hec-collector | bearer       | HEC collector, Bearer   |
        | hec-raw       | bearer       | HEC raw, Bearer         |
        | bulk          | bearer       | bulk, Bearer            |
        | bulk-path     | bearer       | bulk with index, Bearer |
        | otlp          | bearer       | OTLP logs, Bearer       |
        | loki          | bearer       | Loki push, Bearer       |

      Examples: the token as a Splunk credential
        | endpoint      | presentation | description             |
        | ingest        | splunk       | ingest API, Splunk      |
        | hec-event     | splunk       | HEC event, Splunk       |
        | hec-collector | splunk       | HEC collector, Splunk   |
        | hec-raw       | splunk       | HEC raw, Splunk         |
        | bulk          | splunk       | bulk, Splunk            |
        | bulk-path     | splunk       | bulk with index, Splunk |
        | otlp          | splunk       | OTLP logs, Splunk       |
        | loki          | splunk       | Loki push, Splunk       |

      Examples: the token as the Basic username
        | endpoint      | presentation   | description                     |
        | ingest        | basic-username | ingest API, Basic username      |
        | hec-event     | basic-username | HEC event, Basic username       |
        | hec-collector | basic-username | HEC collector, Basic username   |
        | hec-raw       | basic-username | HEC raw, Basic username         |
        | bulk          | basic-username | bulk, Basic username            |
        | bulk-path     | basic-username | bulk with index, Basic username |
        | otlp          | basic-username | OTLP logs, Basic username       |
        | loki          | basic-username | Loki push, Basic username       |

      Examples: the token as the Basic password
        | endpoint      | presentation   | description                     |
        | ingest        | basic-password | ingest API, Basic password      |
        | hec-event     | basic-password | HEC event, Basic password       |
        | hec-collector | basic-password | HEC collector, Basic password   |
        | hec-raw       | basic-password | HEC raw, Basic password         |
        | bulk          | basic-password | bulk, Basic password            |
        | bulk-path     | basic-password | bulk with index, Basic password |
        | otlp          | basic-password | OTLP logs, Basic password       |
        | loki          | basic-password | Loki push, Basic password       |

    @REQ-VALID @doc @policy
    Scenario: a disabled token is not a valid token
      Given require-auth is on
      And an ingest token for a fresh env
      And the admin disables the token
      When a shipper sends 1 event to ingest with the token as bearer
      Then the response status is 401
      And nothing is stored
