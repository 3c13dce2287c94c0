Feature: Authorization schemes
  A shipper presents its ingest token in the Authorization header, in one of
  three schemes. Bearer and Splunk carry the token itself and are strict: a
  token the server does not know is answered 401 even while require-auth is
  off, so a misconfigured shipper notices at once. Basic carries a username
  and a password, and the token may be either of them. Basic is lenient: a
  Basic credential that names no token counts as no credential at all.

  Scheme names follow the HTTP rules: their letter case does not matter and
  one or more spaces separate the scheme from the credential. The token
  itself is compared exactly.

  Rule: An unknown Bearer token is answered 401 whether require-auth is on or off

    @BEARER-STRICT @doc @policy
    Scenario Outline: <endpoint> rejects an unknown Bearer token with require-auth <require>
      Given require-auth is <require>
      When a shipper sends 2 events to <endpoint> with an unknown token as bearer
      Then the response status is 401
      And nothing is stored

      Examples: require-auth off
        | require | endpoint      | description                  |
        | off     | ingest        | ingest API, open server      |
        | off     | hec-event     | HEC event, open server       |
        | off     | hec-collector | HEC collector, open server   |
        | off     | hec-raw       | HEC raw, open server         |
        | off     | bulk          | bulk, open server            |
        | off     | bulk-path     | bulk with index, open server |
        | off     | otlp          | OTLP logs, open server       |
        | off     | loki          | Loki push, open server       |

      Examples: require-auth on
        | require | endpoint      | description                    |
        | on      | ingest        | ingest API, closed server      |
        | on      | hec-event     | HEC event, closed server       |
        | on      | hec-collector | HEC collector, closed server   |
        | on      | hec-raw       | HEC raw, closed server         |
        | on      | bulk          | bulk, closed server            |
        | on      | bulk-path     | bulk with index, closed server |
        | on      | otlp          | OTLP logs, closed server       |
        | on      | loki          | Loki push, closed server       |

  Rule: An unknown Splunk token is answered 401 whether require-auth is on or off

    @SPLUNK-STRICT @doc @policy
    Scenario Outline: <endpoint> rejects an unknown Splunk token with require-auth <require>
      Given require-auth is <require>
      When a shipper sends 2 events to <endpoint> with an unknown token as splunk
      Then the response status is 401
      And nothing is stored

      Examples: require-auth off
        | require | endpoint      | description                  |
        | off     | ingest        | ingest API, open server      |
        | off     | hec-event     | HEC event, open server       |
        | off     | hec-collector | HEC collector, open server   |
        | off     | hec-raw       | HEC raw, open server         |
        | off     | bulk          | bulk, open server            |
        | off     | bulk-path     | bulk with index, open server |
        | off     | otlp          | OTLP logs, open server       |
        | off     | loki          | Loki push, open server       |

      Examples: require-auth on
        | require | endpoint      | description                    |
        | on      | ingest        | ingest API, closed server      |
        | on      | hec-event     | HEC event, closed server       |
        | on      | hec-collector | HEC collector, closed server   |
        | on      | hec-raw       | HEC raw, closed server         |
        | on      | bulk          | bulk, closed server            |
        | on      | bulk-path     | bulk with index, closed server |
        | on      | otlp          | OTLP logs, closed server       |
        | on      | loki          | Loki push, closed server       |

  Rule: A valid token is accepted as a Bearer credential on every endpoint

    @BEARER-VALID @doc
    Scenario Outline: <endpoint> stores events sent with a valid Bearer token
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as bearer
      Then the request is accepted
      And the events are stored in the token's env

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

    @BEARER-VALID @doc
    Scenario: a deleted token is no longer valid as a Bearer credential
      Given an ingest token for a fresh env
      And the admin deletes the token
      When a shipper sends 1 event to ingest with the token as bearer
      Then the response status is 401
      And nothing is stored

  Rule: A valid token is accepted as a Splunk credential on every endpoint

    @SPLUNK-VALID @doc
    Scenario Outline: <endpoint> stores events sent with a valid Splunk token
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as splunk
      Then the request is accepted
      And the events are stored in the token's env

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

    @SPLUNK-VALID @doc
    Scenario: a deleted token is no longer valid as a Splunk credential
      Given an ingest token for a fresh env
      And the admin deletes the token
      When a shipper sends 1 event to hec-event with the token as splunk
      Then the response status is 401
      And nothing is stored

  Rule: In Basic, the token is recognized as the username whatever the password

    @BASIC-USER @doc
    Scenario Outline: <endpoint> recognizes the token as the Basic username with <password description>
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as the Basic username and the password "<password>"
      Then the request is accepted
      And the events are stored in the token's env

      Examples: passwords a shipper may send
        | endpoint  | password        | password description   | description                     |
        | ingest    | x               | a short password       | ingest API, any password        |
        | ingest    |                 | an empty password      | ingest API, empty password      |
        | hec-event | pass:with:colon | colons in the password | HEC event, password with colons |
        | bulk      | gärtner-ü       | non-ASCII characters   | bulk, non-ASCII password        |
        | otlp      |                 | an empty password      | OTLP logs, empty password       |
        | loki      | x               | a short password       | Loki push, any password         |

    @BASIC-USER @doc @policy
    Scenario: a username that differs from the token in one character is not recognized
      Given require-auth is on
      And an ingest token for a fresh env
      When a shipper sends 1 event to ingest with the token changed in one character as the Basic username
      Then the response status is 401
      And nothing is stored

  Rule: In Basic, the token is recognized as the password whatever the username

    @BASIC-PASS @doc
    Scenario Outline: <endpoint> recognizes the token as the Basic password with <username description>
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as the Basic password and the username "<username>"
      Then the request is accepted
      And the events are stored in the token's env

      Examples: usernames a shipper may send
        | endpoint | username | username description | description                |
        | ingest   | shipper  | a plain username     | ingest API, any username   |
        | ingest   |          | an empty username    | ingest API, empty username |
        | hec-raw  |          | an empty username    | HEC raw, empty username    |
        | bulk     | elastic  | a plain username     | bulk, any username         |
        | otlp     | shipper  | a plain username     | OTLP logs, any username    |
        | loki     |          | an empty username    | Loki push, empty username  |

    @BASIC-PASS @doc @policy
    Scenario: a password that differs from the token in one character is not recognized
      Given require-auth is on
      And an ingest token for a fresh env
      When a shipper sends 1 event to ingest with the token changed in one character as the Basic password
      Then the response status is 401
      And nothing is stored

  Rule: A Basic credential that matches no token counts as no credential

    @BASIC-LENIENT @doc @policy
    Scenario Outline: <endpoint> treats an unrecognized Basic credential as none with require-auth off
      Given require-auth is off
      When a shipper sends 2 events to <endpoint> with an unrecognized Basic credential, naming env "open" in the query
      Then the request is accepted
      And the events are stored in env "open"

      Examples: the ingest API and one endpoint per shim family
        | endpoint  | description            |
        | ingest    | HeliosLogs ingest API  |
        | hec-event | Splunk HEC event       |
        | bulk      | Elasticsearch bulk API |
        | otlp      | OpenTelemetry logs     |
        | loki      | Loki push API          |

    @BASIC-LENIENT @doc @policy
    Scenario Outline: <endpoint> rejects an unrecognized Basic credential with require-auth on
      Given require-auth is on
      When a shipper sends 2 events to <endpoint> with an unrecognized Basic credential, naming env "open" in the query
      Then the response status is 401
      And nothing is stored in env "open"

      Examples: the ingest API and one endpoint per shim family
        | endpoint  | description            |
        | ingest    | HeliosLogs ingest API  |
        | hec-event | Splunk HEC event       |
        | bulk      | Elasticsearch bulk API |
        | otlp      | OpenTelemetry logs     |
        | loki      | Loki push API          |

  Rule: A malformed Basic credential counts as an unrecognized one

    @BASIC-MALFORMED @profile @policy
    Scenario Outline: <malformation> is accepted on the open path with require-auth off
      Given require-auth is off
      When a shipper sends 2 events to ingest with the Basic credential "<credential>", naming env "open" in the query
      Then the request is accepted
      And the events are stored in env "open"

      Examples: malformed Basic credentials
        | malformation          | credential       | description                            |
        | invalid base64        | !!not*base64!!   | characters outside the base64 alphabet |
        | a value with no colon | bm9jb2xvbnZhbHVl | base64 of "nocolonvalue"               |
        | stray base64 padding  | YWJj=            | "=" after the complete group "YWJj"    |

    @BASIC-MALFORMED @profile @policy
    Scenario Outline: <malformation> is answered 401 with require-auth on
      Given require-auth is on
      When a shipper sends 2 events to ingest with the Basic credential "<credential>", naming env "open" in the query
      Then the response status is 401
      And nothing is stored in env "open"

      Examples: malformed Basic credentials
        | malformation          | credential       | description                            |
        | invalid base64        | !!not*base64!!   | characters outside the base64 alphabet |
        | a value with no colon | bm9jb2xvbnZhbHVl | base64 of "nocolonvalue"               |

  Rule: A Basic credential naming a disabled token is answered 401, not treated as unknown

    @BASIC-DISABLED @profile @policy
    Scenario Outline: a disabled token as the Basic <half> is answered 401 with require-auth off
      Given require-auth is off
      And an ingest token for a fresh env
      And the admin disables the token
      When a shipper sends 2 events to ingest with the token as <presentation>
      Then the response status is 401
      And nothing is stored

      Examples: either half of the credential
        | half     | presentation   | description                |
        | username | basic-username | disabled token as username |
        | password | basic-password | disabled token as password |

    @BASIC-DISABLED @profile @policy
    Scenario: the same token is accepted again once re-enabled
      Given require-auth is off
      And an ingest token for a fresh env
      And the admin disables the token
      And the admin enables the token
      When a shipper sends 2 events to ingest with the token as basic-username
      Then the request is accepted
      And the events are stored in the token's env

  Rule: A Basic credential whose two halves name two different tokens is answered 401

    @BASIC-AMBIGUOUS @profile
    Scenario: two different tokens in one Basic credential are rejected
      Given an ingest token "first" for env "one"
      And an ingest token "second" for env "two"
      When a shipper sends 2 events to ingest with the token "first" as the Basic username and the token "second" as the password
      Then the response status is 401
      And nothing is stored

    @BASIC-AMBIGUOUS @profile
    Scenario: the same token in both halves is not ambiguous
      Given an ingest token "first" for env "one"
      When a shipper sends 2 events to ingest with the token "first" as the Basic username and the token "first" as the password
      Then the request is accepted
      And the events are stored in env "one"

  Rule: Scheme names are matched without regard to letter case

    @SCHEME-CASE @http
    Scenario Outline: the scheme written "<scheme>" works like its usual spelling
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as <presentation> under the scheme name "<scheme>"
      Then the request is accepted
      And the events are stored in the token's env

      Examples: scheme spellings
        | endpoint  | presentation   | scheme | description          |
        | ingest    | bearer         | bearer | Bearer in lower case |
        | ingest    | bearer         | BEARER | Bearer in upper case |
        | otlp      | bearer         | bEaReR | Bearer in mixed case |
        | hec-event | splunk         | splunk | Splunk in lower case |
        | hec-raw   | splunk         | SPLUNK | Splunk in upper case |
        | ingest    | basic-username | basic  | Basic in lower case  |
        | bulk      | basic-password | BASIC  | Basic in upper case  |
        | loki      | basic-password | bAsIc  | Basic in mixed case  |

    @SCHEME-CASE @http @policy
    Scenario Outline: an unknown token stays unknown whatever the scheme's case
      Given require-auth is off
      When a shipper sends 1 event to ingest with the Authorization header "<scheme> hlt_not_a_token_of_this_server"
      Then the response status is 401
      And nothing is stored

      Examples: strict schemes in other spellings
        | scheme | description          |
        | bearer | Bearer in lower case |
        | SPLUNK | Splunk in upper case |

  Rule: One or more spaces may separate the scheme from the credential

    @SCHEME-SPACE @http
    Scenario Outline: <spaces> spaces after the scheme are accepted as <presentation>
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as <presentation> after <spaces> spaces
      Then the request is accepted
      And the events are stored in the token's env

      Examples: runs of spaces
        | endpoint  | presentation   | spaces | description          |
        | ingest    | bearer         | 1      | the usual one space  |
        | ingest    | bearer         | 2      | Bearer, two spaces   |
        | hec-event | splunk         | 3      | Splunk, three spaces |
        | bulk      | basic-username | 2      | Basic, two spaces    |
        | loki      | basic-password | 4      | Basic, four spaces   |

    @SCHEME-SPACE @http @policy
    Scenario: extra spaces do not make an unknown token acceptable
      Given require-auth is off
      When a shipper sends 1 event to ingest with the Authorization header "Bearer   hlt_not_a_token_of_this_server"
      Then the response status is 401
      And nothing is stored

  Rule: An unsupported scheme or a strict scheme without a credential is answered 401 even with require-auth off

    @SCHEME-UNKNOWN @profile @policy
    Scenario Outline: <value description> is answered 401 with require-auth off
      Given require-auth is off
      When a shipper sends 2 events to <endpoint> with the Authorization header "<value>"
      Then the response status is 401
      And nothing is stored

      Examples: unsupported schemes and empty strict credentials
        | endpoint  | value                             | value description      | description               |
        | ingest    | Token abc123                      | the Token scheme       | unsupported scheme Token  |
        | ingest    | Digest realm=helios, nonce=abc123 | the Digest scheme      | unsupported scheme Digest |
        | hec-event | ApiKey abc123                     | the ApiKey scheme      | unsupported scheme ApiKey |
        | ingest    | Bearer                            | Bearer without a token | empty Bearer credential   |
        | hec-raw   | Splunk                            | Splunk without a token | empty Splunk credential   |

    @SCHEME-UNKNOWN @profile @policy
    Scenario: a valid token under an unsupported scheme is answered 401
      Given require-auth is off
      And an ingest token for a fresh env
      When a shipper sends 2 events to ingest with the token under the scheme name "ApiKey"
      Then the response status is 401
      And nothing is stored

  Rule: A value without a scheme, or with a tab after the scheme, is treated as an unsupported scheme

    @SCHEME-BARE @profile @policy
    Scenario Outline: the token sent <how> is answered 401 with require-auth off
      Given require-auth is off
      And an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token sent <how>
      Then the response status is 401
      And nothing is stored

      Examples: malformed presentations of a valid token
        | endpoint  | how                     | description        |
        | ingest    | without a scheme        | bare token         |
        | hec-event | without a scheme        | bare token to HEC  |
        | ingest    | with a tab after Bearer | Bearer, then a tab |
        | hec-event | with a tab after Splunk | Splunk, then a tab |

  Rule: Tokens are compared exactly, including letter case

    @TOKEN-CASE @profile
    Scenario Outline: the token with one letter's case changed is unknown as <presentation>
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token in the wrong case as <presentation>
      Then the response status is 401
      And nothing is stored

      Examples: strict schemes
        | endpoint  | presentation | description        |
        | ingest    | bearer       | Bearer, ingest API |
        | hec-event | splunk       | Splunk, HEC event  |

    @TOKEN-CASE @profile @policy
    Scenario: the token with one letter's case changed is unrecognized in Basic
      Given require-auth is on
      And an ingest token for a fresh env
      When a shipper sends 2 events to ingest with the token in the wrong case as basic-password
      Then the response status is 401
      And nothing is stored

  Rule: Basic accepts base64 without padding but not with stray whitespace or trailing data

    @BASIC-UNPADDED @profile
    Scenario Outline: the token as <presentation> without base64 padding is recognized
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as <presentation> without base64 padding
      Then the request is accepted
      And the events are stored in the token's env

      Examples: either half
        | endpoint | presentation   | description          |
        | ingest   | basic-username | username, no padding |
        | bulk     | basic-password | password, no padding |

    @BASIC-UNPADDED @profile @policy
    Scenario Outline: base64 with <defect> is unrecognized
      Given require-auth is on
      And an ingest token for a fresh env
      When a shipper sends 2 events to ingest with the token as basic-password in base64 with <defect>
      Then the response status is 401
      And nothing is stored

      Examples: defects
        | defect                 | description                    |
        | a space inside         | whitespace in the middle       |
        | data after the padding | characters after the final "=" |

  Rule: Every 401 answer names an accepted scheme in WWW-Authenticate

    @AUTH-CHALLENGE @http
    Scenario Outline: <endpoint> challenges an unknown Bearer token
      When a shipper sends 1 event to <endpoint> with an unknown token as bearer
      Then the response status is 401
      And the response challenges the client with an accepted scheme

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

    @AUTH-CHALLENGE @http @policy
    Scenario Outline: <endpoint> challenges a request without a credential under require-auth
      Given require-auth is on
      When a shipper sends 1 event to <endpoint> without a credential
      Then the response status is 401
      And the response challenges the client with an accepted scheme

      Examples: the ingest API and one endpoint per shim family
        | endpoint  | description            |
        | ingest    | HeliosLogs ingest API  |
        | hec-event | Splunk HEC event       |
        | bulk      | Elasticsearch bulk API |
        | otlp      | OpenTelemetry logs     |
        | loki      | Loki push API          |

  Rule: A request with more than one Authorization header is answered 400 and stores nothing

    @AUTH-DUPLICATE @profile
    Scenario Outline: <endpoint> answers 400 to two Authorization headers carrying <pair>
      Given an ingest token "first" for env "one"
      And an ingest token "second" for env "two"
      When a shipper sends 2 events to <endpoint> with two Authorization headers carrying <pair>
      Then the response status is 400
      And nothing is stored

      Examples: header pairs
        | endpoint  | pair                                 | description                  |
        | ingest    | the token "first" twice              | the same valid token twice   |
        | ingest    | the tokens "first" and "second"      | two different valid tokens   |
        | hec-event | the token "first" and an unknown one | a valid and an unknown token |
        | loki      | the token "first" twice              | Loki push, same token twice  |

    @AUTH-DUPLICATE @profile
    Scenario: a single Authorization header with the same token is accepted
      Given an ingest token "first" for env "one"
      When a shipper sends 2 events to ingest with the token "first" as bearer
      Then the request is accepted
      And the events are stored in env "one"
