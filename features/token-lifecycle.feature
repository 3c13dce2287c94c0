Feature: Token lifecycle: disable, enable, delete and rotate
  An admin manages each ingest token through its life. Disabling a token stops
  it from authorizing writes but keeps its record, so it can be switched back
  on later with the same secret. Deleting a token revokes it at once: the next
  request that presents it is rejected. A lost secret cannot be shown again,
  so the way to replace it is to rotate: delete the token and create a new one,
  which gets a new secret.

  Rule: A disabled token stops authorizing writes but stays in the list

    @TOKEN-DISABLE @doc
    Scenario Outline: a disabled token is rejected in a strict scheme
      Given an ingest token for a fresh env
      And the admin disables the token
      When a shipper sends 1 event to <endpoint> with the token as <presentation>
      Then the response status is 401
      And nothing is stored in the token's env

      Examples: Bearer and Splunk on several endpoint classes
        | presentation | endpoint  | description                 |
        | bearer       | ingest    | Bearer on the ingest API    |
        | splunk       | ingest    | Splunk on the ingest API    |
        | splunk       | hec-event | Splunk on the HEC event API |
        | bearer       | bulk      | Bearer on the bulk API      |
        | bearer       | otlp      | Bearer on OTLP logs         |
        | bearer       | loki      | Bearer on the Loki push API |

    @TOKEN-DISABLE @doc @policy
    Scenario Outline: with require-auth on, a disabled token is rejected in Basic too
      Given require-auth is on
      And an ingest token for a fresh env
      And the admin disables the token
      When a shipper sends 1 event to <endpoint> with the token as <presentation>
      Then the response status is 401
      And nothing is stored in the token's env

      Examples: the token in either half of a Basic credential
        | presentation   | endpoint  | description                         |
        | basic-username | ingest    | Basic username on the ingest API    |
        | basic-password | ingest    | Basic password on the ingest API    |
        | basic-password | hec-event | Basic password on the HEC event API |

    @TOKEN-DISABLE @doc
    Scenario: a disabled token keeps its record with enabled false
      Given an ingest token for a fresh env
      When the admin disables the token
      Then the token list shows the token disabled

  Rule: Re-enabling a disabled token makes the same secret work again

    @TOKEN-ENABLE @doc
    Scenario Outline: a re-enabled token writes again
      Given an ingest token for a fresh env
      And the admin disables the token
      And the admin enables the token
      When a shipper sends 2 events to <endpoint> with the token as <presentation>
      Then the request is accepted
      And the events are stored in the token's env
      And the token list shows the token enabled

      Examples: strict schemes
        | presentation | endpoint  | description                 |
        | bearer       | ingest    | Bearer on the ingest API    |
        | splunk       | hec-event | Splunk on the HEC event API |

  Rule: Deleting a token revokes it immediately

    @TOKEN-DELETE @doc
    Scenario Outline: the first request after the delete is rejected
      Given an ingest token for a fresh env
      When the admin deletes the token
      And a shipper sends 1 event to <endpoint> with the deleted token as <presentation>
      Then the response status is 401
      And nothing is stored in the deleted token's env
      And the token list does not contain the deleted token

      Examples: strict schemes
        | presentation | endpoint  | description                 |
        | bearer       | ingest    | Bearer on the ingest API    |
        | splunk       | ingest    | Splunk on the ingest API    |
        | splunk       | hec-event | Splunk on the HEC event API |
        | bearer       | bulk      | Bearer on the bulk API      |

    @TOKEN-DELETE @doc @policy
    Scenario: with require-auth on, a deleted token is rejected in Basic too
      Given require-auth is on
      And an ingest token for a fresh env
      When the admin deletes the token
      And a shipper sends 1 event to ingest with the deleted token as basic-password
      Then the response status is 401
      And nothing is stored in the deleted token's env

  Rule: Rotating a token means deleting it and creating a new one

    @TOKEN-ROTATE @doc
    Scenario Outline: after rotation the old secret fails and the new one works
      Given an ingest token for a fresh env
      When the admin rotates the token
      Then the new secret differs from the old secret
      When a shipper sends 1 event to <endpoint> with the old secret as <presentation>
      Then the response status is 401
      And nothing is stored in the token's env
      When a shipper sends 1 event to <endpoint> with the token as <presentation>
      Then the request is accepted
      And the events are stored in the token's env

      Examples: strict schemes
        | presentation | endpoint  | description                 |
        | bearer       | ingest    | Bearer on the ingest API    |
        | splunk       | hec-event | Splunk on the HEC event API |
