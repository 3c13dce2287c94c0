Feature: Managing ingest tokens over the admin API
  Admins manage ingest tokens and the ingest policy over REST, authenticated
  with an admin API key as a Bearer credential. The token list shows every
  token with its secret masked, next to the policy: whether a valid token is
  required for all ingest, and whether the ingest API and the compatibility
  APIs are switched on. A shared server may hold tokens of other users, so
  these scenarios look only for the tokens they created themselves.

  Rule: The list shows tokens with masked secrets and the policy

    @ADMIN-LIST @doc
    Scenario: a created token appears in the list without its secret
      Given an ingest token "lister" for env "logs" limited to indexes "app, web"
      When the admin lists the tokens
      Then the list shows the token "lister" with its name, env and indexes
      And the list shows the token "lister" enabled with its last four characters
      And the response reveals no part of a secret
      And the list reports each policy switch as a boolean

  Rule: Creating a token returns its full secret once

    @ADMIN-CREATE @doc
    Scenario: the secret from the creation response authorizes writes
      When the admin creates an ingest token for a fresh env
      Then the creation response contained the secret
      And the creation response describes the token it created
      When a shipper sends 1 event to ingest with the token as bearer
      Then the request is accepted
      And the events are stored in the token's env

    @ADMIN-CREATE @doc
    Scenario: each created token gets its own secret
      Given an ingest token for a fresh env
      And a second ingest token for the same env
      Then the two tokens have different ids and secrets

  Rule: Patching a token enables or disables it

    @ADMIN-PATCH @doc
    Scenario: disable and then enable a token
      Given an ingest token for a fresh env
      When the admin disables the token
      Then the response shows the token disabled
      And the token list shows the token disabled
      When the admin enables the token
      Then the response shows the token enabled
      And the token list shows the token enabled

  Rule: Deleting a token revokes it

    @ADMIN-DELETE @doc
    Scenario: a deleted token leaves the list and stops working
      Given an ingest token for a fresh env
      When the admin deletes the token
      Then the request is accepted
      And the token list does not contain the deleted token
      When a shipper sends 1 event to ingest with the deleted token as bearer
      Then the request is rejected
      And nothing is stored in the deleted token's env

  Rule: The policy endpoint sets the three switches and the list reflects them

    @ADMIN-POLICY @doc @policy
    Scenario Outline: setting one switch shows up in the list
      Given the admin has set the policy switch "<switch>" to <from>
      When the admin sets the policy switch "<switch>" to <to>
      Then the response shows the policy switch "<switch>" as <to>
      And the token list shows the policy switch "<switch>" as <to>

      Examples: each switch flipped both ways
        | switch       | from  | to    | description                     |
        | require      | false | true  | require-auth switched on        |
        | require      | true  | false | require-auth switched off       |
        | apiEnabled   | true  | false | ingest API switched off         |
        | apiEnabled   | false | true  | ingest API switched on          |
        | shimsEnabled | true  | false | compatibility APIs switched off |
        | shimsEnabled | false | true  | compatibility APIs switched on  |

  Rule: Only an admin API key may use the admin API

    @ADMIN-AUTHZ @doc
    Scenario Outline: a caller presenting <caller> cannot <action>
      Given an ingest token for a fresh env
      And a caller presenting <caller>
      When the caller tries to <action>
      Then the request is rejected with 401 or 403
      And the token list is unchanged

      Examples: callers and token actions
        | caller           | action            | description                  |
        | no credential    | list the tokens   | anonymous list               |
        | no credential    | create a token    | anonymous create             |
        | no credential    | disable the token | anonymous disable            |
        | no credential    | delete the token  | anonymous delete             |
        | the ingest token | list the tokens   | ingest token used to list    |
        | the ingest token | create a token    | ingest token used to create  |
        | the ingest token | disable the token | ingest token used to disable |
        | the ingest token | delete the token  | ingest token used to delete  |
        | a reader API key | create a token    | reader key used to create    |
        | a reader API key | disable the token | reader key used to disable   |
        | a reader API key | delete the token  | reader key used to delete    |

    @ADMIN-AUTHZ @doc @policy
    Scenario Outline: a caller without an admin key cannot change the policy
      Given an ingest token for a fresh env
      And a caller presenting <caller>
      When the caller tries to switch require-auth on
      Then the request is rejected with 401 or 403
      And the policy is unchanged

      Examples: callers
        | caller           | description      |
        | no credential    | anonymous caller |
        | the ingest token | ingest token     |
        | a reader API key | reader API key   |

  Rule: The reference answers 401 to unknown callers and 403 to readers

    @ADMIN-AUTHZ-CODE @profile
    Scenario Outline: exact status for each kind of caller
      Given an ingest token for a fresh env
      And a caller presenting <caller>
      When the caller tries to <action>
      Then the response status is <status>
      And the response carries an error object

      Examples: callers and the status they get
        | caller           | action          | status | description                 |
        | no credential    | list the tokens | 401    | no Authorization header     |
        | an unknown key   | list the tokens | 401    | a key the server never made |
        | the ingest token | list the tokens | 401    | an ingest token as a key    |
        | a reader API key | list the tokens | 403    | a reader key on admin list  |
        | a reader API key | create a token  | 403    | a reader key on admin write |

  Rule: The reference rejects invalid admin requests by naming the field

    @ADMIN-VALIDATION @profile
    Scenario Outline: an invalid creation body gets 400 naming the field
      When the admin creates an ingest token with the body <body>
      Then the response status is 400
      And the error message names the field "<field>"

      Examples: invalid creation bodies
        | body                                          | field   | description          |
        | {"env": "x"}                                  | name    | name missing         |
        | {"name": 5, "env": "x"}                       | name    | name not a string    |
        | {"name": "v"}                                 | env     | env missing          |
        | {"name": "v", "env": "Bad Env!"}              | env     | env name not allowed |
        | {"name": "v", "env": "x", "indexes": "app"}   | indexes | indexes not an array |
        | {"name": "v", "env": "x", "indexes": ["A B"]} | indexes | index name invalid   |

    @ADMIN-VALIDATION @profile
    Scenario Outline: an invalid patch body gets 400 naming the field
      Given an ingest token for a fresh env
      When the admin patches the token with the body <body>
      Then the response status is 400
      And the error message names the field "enabled"
      And the token list shows the token enabled

      Examples: invalid patch bodies
        | body              | description         |
        | {"enabled": "no"} | enabled as a string |
        | {"enabled": 0}    | enabled as a number |
        | {}                | enabled missing     |

    @ADMIN-VALIDATION @profile @policy
    Scenario: an invalid policy body gets 400 naming the field
      When the admin sets the policy with the body {"require": "yes"}
      Then the response status is 400
      And the error message names the field "require"
      And the policy is unchanged

    @ADMIN-VALIDATION @profile
    Scenario Outline: an unknown token id gets 404
      When the admin tries to <action> a token with an unknown id
      Then the response status is 404
      And the response carries an error object

      Examples: token routes with an id
        | action | description  |
        | fetch  | get by id    |
        | patch  | patch by id  |
        | delete | delete by id |
