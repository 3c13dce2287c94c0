Feature: Token secrets are shown once and never again
  The secret of an ingest token is returned in full exactly once, in the
  response that creates the token. After that, the admin API shows only the
  last four characters so an admin can tell tokens apart, and no endpoint can
  reveal the rest. A lost secret is replaced by rotating the token.

  The checks below search the raw text of each later response for every
  secret the scenario knows, whole and as any run of 8 consecutive characters
  taken from it, so a secret that leaks in part, or inside a longer string,
  is still caught. Only the last four characters may appear.

  Rule: The full secret appears only in the creation response

    @SECRET-ONCE @doc
    Scenario: list, get and patch responses never contain the secret
      Given an ingest token for a fresh env
      Then the creation response contained the secret
      When the admin lists the tokens
      Then the response reveals no part of a secret
      When the admin fetches the token by id
      Then the response reveals no part of a secret
      When the admin disables the token
      Then the response reveals no part of a secret
      When the admin enables the token
      Then the response reveals no part of a secret

  Rule: The list shows the last four characters of the secret

    @SECRET-LAST4 @doc
    Scenario: the listed last four characters match the secret
      Given an ingest token for a fresh env
      And a second ingest token for the same env
      When the admin lists the tokens
      Then both tokens are listed with the last four characters of their secrets

  Rule: No endpoint reveals a secret after creation

    @SECRET-NO-REVEAL @doc
    Scenario: no admin, search or ingest response reveals the secret
      Given an ingest token "shipper" for env "logs" limited to indexes "app"
      And a reader API key "reader"
      When a shipper sends 2 events to index "app" on ingest with the token "shipper" as bearer
      Then the response reveals no part of a secret
      When a shipper sends 1 event to index "denied" on ingest with the token "shipper" as bearer
      Then the response reveals no part of a secret
      When the reader "reader" searches index "app" of env "logs"
      Then the search found the events the token wrote
      And the response reveals no part of a secret
      When the admin lists the tokens
      Then the response reveals no part of a secret
      When the admin fetches the token "shipper" by id
      Then the response reveals no part of a secret
      When the admin disables the token "shipper"
      Then the response reveals no part of a secret
      When a shipper sends 1 event to hec-event with the token "shipper" as splunk
      Then the response reveals no part of a secret

    @SECRET-NO-REVEAL @doc @policy
    Scenario: the policy endpoint does not reveal the secret
      Given an ingest token for a fresh env
      When the admin switches require-auth on
      Then the response reveals no part of a secret
      When the admin lists the tokens
      Then the response reveals no part of a secret

  Rule: The reference keeps only a hash of each secret at rest

    @SECRET-AT-REST @profile @embedded-only
    Scenario: no data file contains a secret made in the scenario
      Given an ingest token for a fresh env
      And a second ingest token for the same env
      And a reader API key "reader"
      When a shipper sends 2 events to ingest with the token as bearer
      And the admin disables the token
      Then no file in the reference's data directory contains a scenario secret

  Rule: The reference never logs a presented credential

    @SECRET-LOGS @profile @embedded-only
    Scenario: valid and invalid credentials stay out of the logs
      Given an ingest token for a fresh env
      When a shipper sends 1 event to ingest with the token as bearer
      And a shipper sends 1 event to hec-event with the token as splunk
      And a shipper sends 1 event to ingest with the token as basic-password
      And a shipper sends 1 event to ingest with an unknown token as bearer
      And a shipper sends 1 event to ingest with an unknown token as basic-username
      And a shipper sends 1 event to ingest with the token in the query string
      And a shipper sends 1 event to ingest with an unknown token in the query string
      Then no log line of the reference contains a presented credential
