@policy
Feature: Endpoint switches
  An admin can turn off whole classes of ingest endpoints: the HeliosLogs
  ingest API (`/api/ingest`, class `api`) and the compatibility APIs (HEC,
  bulk, OTLP and Loki, class `shims`). A class that is off rejects every
  request, even one with a valid token, and stores nothing, while the other
  class keeps working.

  The two endpoint switches and require-auth are three separate settings:
  changing any one of them leaves the other two as they were.

  Every scenario here changes the server's global policy, and the suite puts
  back the policy it found afterwards.

  Rule: With the api class off, only the ingest API rejects writes

    @SWITCH-API @doc
    Scenario: api class off rejects a write with a valid token
      Given an ingest token for a fresh env
      And the api endpoint class is turned off
      When a shipper sends 2 events to ingest with the token as bearer
      Then the request is rejected
      And nothing is stored in the token's env

    @SWITCH-API @doc
    Scenario: api class off rejects a write without a credential
      Given require-auth is off
      And the api endpoint class is turned off
      When a shipper sends 2 events to ingest without a credential
      Then the request is rejected
      And nothing is stored in env "default"

    @SWITCH-API @doc
    Scenario Outline: api class off leaves <endpoint> working
      Given an ingest token for a fresh env
      And the api endpoint class is turned off
      When a shipper sends 2 events to <endpoint> with the token as bearer
      Then the request is accepted
      And the events are stored in the token's env

      Examples: every shim endpoint
        | endpoint      | description       |
        | hec-event     | HEC event         |
        | hec-collector | HEC collector     |
        | hec-raw       | HEC raw           |
        | bulk          | bulk API          |
        | bulk-path     | bulk under a path |
        | otlp          | OTLP logs         |
        | loki          | Loki push         |

  Rule: With the shims class off, every shim rejects writes

    @SWITCH-SHIMS @doc
    Scenario Outline: shims class off rejects a write to <endpoint> with a valid token
      Given an ingest token for a fresh env
      And the shims endpoint class is turned off
      When a shipper sends 2 events to <endpoint> with the token as bearer
      Then the request is rejected
      And nothing is stored in the token's env

      Examples: every shim endpoint
        | endpoint      | description       |
        | hec-event     | HEC event         |
        | hec-collector | HEC collector     |
        | hec-raw       | HEC raw           |
        | bulk          | bulk API          |
        | bulk-path     | bulk under a path |
        | otlp          | OTLP logs         |
        | loki          | Loki push         |

    @SWITCH-SHIMS @doc
    Scenario Outline: shims class off rejects a write to <endpoint> without a credential
      Given require-auth is off
      And the shims endpoint class is turned off
      When a shipper sends 2 events to <endpoint> without a credential
      Then the request is rejected
      And nothing is stored in env "default"

      Examples: one endpoint per shim family
        | endpoint  | description |
        | hec-event | HEC event   |
        | bulk      | bulk API    |
        | otlp      | OTLP logs   |
        | loki      | Loki push   |

    @SWITCH-SHIMS @doc
    Scenario: shims class off leaves the ingest API working
      Given an ingest token for a fresh env
      And the shims endpoint class is turned off
      When a shipper sends 2 events to ingest with the token as bearer
      Then the request is accepted
      And the events are stored in the token's env

  Rule: Each switch changes only itself

    @SWITCH-SEPARATE @doc
    Scenario Outline: setting <changed> alone keeps the other two switches
      Given the admin sets the policy to require-auth <require>, api <api>, shims <shims>
      When the admin sets only <changed> to <value>
      Then the policy reads require-auth <require after>, api <api after>, shims <shims after>

      Examples: each switch changed from a starting point
        | require | api | shims | changed      | value | require after | api after | shims after | description                  |
        | on      | on  | on    | apiEnabled   | off   | on            | off       | on          | api off, require-auth kept   |
        | on      | on  | on    | shimsEnabled | off   | on            | on        | off         | shims off, require-auth kept |
        | off     | off | off   | require      | on    | on            | off       | off         | require-auth on, both kept   |
        | on      | off | on    | require      | off   | off           | off       | on          | require-auth off, api kept   |
        | off     | on  | off   | apiEnabled   | off   | off           | off       | off         | api off, shims kept off      |
        | off     | off | on    | shimsEnabled | off   | off           | off       | off         | shims off, api kept off      |

    @SWITCH-SEPARATE @doc
    Scenario: require-auth still holds after the api class is turned off and on
      Given require-auth is on
      And the api endpoint class is turned off
      And the api endpoint class is turned on
      When a shipper sends 2 events to ingest without a credential
      Then the response status is 401
      And nothing is stored in env "default"

  Rule: The reference answers a disabled class before checking credentials

    @SWITCH-CODE @profile
    Scenario Outline: disabled ingest API answers 403 endpoint_disabled <description>
      Given an ingest token for a fresh env
      And the api endpoint class is turned off
      When a shipper sends 2 events to ingest <credential>
      Then the response status is 403
      And the response error code is "endpoint_disabled"

      Examples: valid, missing and bad credentials
        | credential                                   | description          |
        | with the token as bearer                     | to a valid token     |
        | without a credential                         | to no credential     |
        | with an unknown token as bearer              | to an unknown token  |
        | with the Authorization header "Token abc123" | to an unknown scheme |

    @SWITCH-CODE @profile
    Scenario Outline: disabled <endpoint> answers 403 <description>
      Given an ingest token for a fresh env
      And the shims endpoint class is turned off
      When a shipper sends 2 events to <endpoint> <credential>
      Then the response status is 403

      Examples: valid, missing and bad credentials on each shim
        | endpoint  | credential                                   | description          |
        | hec-event | without a credential                         | to no credential     |
        | hec-raw   | with an unknown token as splunk              | to an unknown token  |
        | bulk      | with an unknown token as bearer              | to an unknown token  |
        | otlp      | with the Authorization header "Token abc123" | to an unknown scheme |
        | loki      | with the token as bearer                     | to a valid token     |
