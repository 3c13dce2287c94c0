Feature: Env pinning
  Every ingest token belongs to exactly one env. A shipper that holds a token
  can only write into that env: naming another env in the `env` query
  parameter or in the `X-Helios-Env` header must not move its events. A
  server may accept such a request into the token's env or reject it, but it
  never stores anything in the env the request named.

  Without a token (the open path, while require-auth is off) the request
  itself chooses the env, so a request that names several envs at once is
  ambiguous and must not be spread over them.

  Rule: A token's writes are stored only in the token's env

    @ENV-PIN @doc
    Scenario Outline: <endpoint> never stores a token's write in the env named in the <place>
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as bearer, naming env "other" in the <place>
      Then nothing is stored in env "other"
      And if the request was accepted, the events are stored in the token's env

      Examples: the other env in the query string
        | endpoint      | place | description                   |
        | ingest        | query | ingest API with ?env=         |
        | hec-event     | query | HEC event endpoint with ?env= |
        | hec-collector | query | HEC collector with ?env=      |
        | hec-raw       | query | HEC raw endpoint with ?env=   |
        | bulk          | query | bulk API with ?env=           |
        | bulk-path     | query | bulk API under a path, ?env=  |
        | otlp          | query | OTLP logs with ?env=          |
        | loki          | query | Loki push with ?env=          |

      Examples: the other env in the X-Helios-Env header
        | endpoint      | place               | description                   |
        | ingest        | X-Helios-Env header | ingest API with the header    |
        | hec-event     | X-Helios-Env header | HEC event with the header     |
        | hec-collector | X-Helios-Env header | HEC collector with the header |
        | hec-raw       | X-Helios-Env header | HEC raw with the header       |
        | bulk          | X-Helios-Env header | bulk API with the header      |
        | bulk-path     | X-Helios-Env header | bulk under a path, header     |
        | otlp          | X-Helios-Env header | OTLP logs with the header     |
        | loki          | X-Helios-Env header | Loki push with the header     |

  Rule: The reference accepts a token's write that names another env and reports the token's env

    @ENV-PIN-RESPONSE @profile
    Scenario Outline: ingest API response names the token's env, not the env in the <place>
      Given an ingest token for a fresh env
      When a shipper sends 2 events to ingest with the token as bearer, naming env "other" in the <place>
      Then the request is accepted
      And the response body reports the token's env
      And the events are stored in the token's env

      Examples: where the other env is named
        | place               | description       |
        | query               | env in the query  |
        | X-Helios-Env header | env in the header |

  Rule: A request never spreads over several envs

    @ENV-MULTI @profile @policy
    Scenario Outline: open path naming two envs as <form> is a bad request
      Given require-auth is off
      When a shipper sends 2 events to ingest without a credential, naming envs "one" and "two" as <form>
      Then the response status is 400
      And nothing is stored in env "one"
      And nothing is stored in env "two"

      Examples: ways of naming two envs
        | form                                 | description            |
        | a repeated query parameter           | ?env=a&env=b           |
        | repeated X-Helios-Env headers        | two header lines       |
        | one comma-joined query parameter     | ?env=a,b               |
        | one comma-joined X-Helios-Env header | one header line "a, b" |

    @ENV-MULTI @profile
    Scenario Outline: token naming two envs as <form> writes to its own env
      Given an ingest token for a fresh env
      When a shipper sends 2 events to ingest with the token as bearer, naming envs "one" and "two" as <form>
      Then the request is accepted
      And nothing is stored in env "one"
      And nothing is stored in env "two"
      And the events are stored in the token's env

      Examples: ways of naming two envs
        | form                                 | description            |
        | a repeated query parameter           | ?env=a&env=b           |
        | repeated X-Helios-Env headers        | two header lines       |
        | one comma-joined query parameter     | ?env=a,b               |
        | one comma-joined X-Helios-Env header | one header line "a, b" |
