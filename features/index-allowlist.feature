Feature: Index allowlists
  An ingest token may carry an allowlist of indexes. With an empty allowlist
  the token may write to any index of its env. With a non-empty allowlist it
  may write only to the listed indexes: a write to any other index is
  rejected, nothing of it is stored, and the token's `errors` counter in the
  admin token list goes up.

  The check applies to the index the events would be stored in, wherever the
  request names it: the `index` query parameter, the bulk API's path, a HEC
  envelope, a bulk action line, a Loki stream label or the OTLP resource
  attribute `helios.index`. A request that names no index writes to `main`.
  In a batch that names an index per event, one event with an unlisted index
  is enough for the rejection, wherever it sits in the batch. The
  documentation leaves open whether the batch's allowed events are stored.

  Rule: A token with an empty allowlist may write to any index of its env

    @IDX-ANY @doc
    Scenario Outline: <endpoint> writes to an arbitrary index named in the <place>
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as bearer, naming index "anything-1" in the <place>
      Then the request is accepted
      And the events are stored in the token's env under index "anything-1"

      Examples: every endpoint and every place it reads an index from
        | endpoint      | place              | description                      |
        | ingest        | query              | ingest API, ?index=              |
        | hec-event     | query              | HEC event, ?index=               |
        | hec-event     | envelope           | HEC event, envelope index        |
        | hec-collector | query              | HEC collector, ?index=           |
        | hec-collector | envelope           | HEC collector, envelope index    |
        | hec-raw       | query              | HEC raw, ?index=                 |
        | bulk          | action line        | bulk API, action _index          |
        | bulk-path     | path               | bulk API, index in the path      |
        | bulk-path     | action line        | bulk under a path, action _index |
        | otlp          | query              | OTLP logs, ?index=               |
        | otlp          | resource attribute | OTLP logs, helios.index          |
        | loki          | query              | Loki push, ?index=               |
        | loki          | label              | Loki push, index label           |

  Rule: A token with an allowlist may write to each listed index

    @IDX-ALLOWED @doc
    Scenario Outline: <endpoint> writes to a listed index named in the <place>
      Given an ingest token for a fresh env limited to indexes "app-1, app-2"
      When a shipper sends 2 events to <endpoint> with the token as bearer, naming index "app-2" in the <place>
      Then the request is accepted
      And the events are stored in the token's env under index "app-2"

      Examples: every endpoint and every place it reads an index from
        | endpoint      | place              | description                      |
        | ingest        | query              | ingest API, ?index=              |
        | hec-event     | query              | HEC event, ?index=               |
        | hec-event     | envelope           | HEC event, envelope index        |
        | hec-collector | query              | HEC collector, ?index=           |
        | hec-collector | envelope           | HEC collector, envelope index    |
        | hec-raw       | query              | HEC raw, ?index=                 |
        | bulk          | action line        | bulk API, action _index          |
        | bulk-path     | path               | bulk API, index in the path      |
        | bulk-path     | action line        | bulk under a path, action _index |
        | otlp          | query              | OTLP logs, ?index=               |
        | otlp          | resource attribute | OTLP logs, helios.index          |
        | loki          | query              | Loki push, ?index=               |
        | loki          | label              | Loki push, index label           |

  Rule: A write to an index outside the allowlist is rejected and counted

    @IDX-REJECT @doc
    Scenario Outline: <endpoint> naming an unlisted index in the <place> is rejected
      Given an ingest token for a fresh env limited to indexes "app-1"
      When a shipper sends 2 events to <endpoint> with the token as bearer, naming index "other-1" in the <place>
      Then the request is rejected
      And nothing is stored in the token's env under index "other-1"
      And the token's errors count has gone up

      Examples: every endpoint and every place it reads an index from
        | endpoint      | place              | description                      |
        | ingest        | query              | ingest API, ?index=              |
        | hec-event     | query              | HEC event, ?index=               |
        | hec-event     | envelope           | HEC event, envelope index        |
        | hec-collector | query              | HEC collector, ?index=           |
        | hec-collector | envelope           | HEC collector, envelope index    |
        | hec-raw       | query              | HEC raw, ?index=                 |
        | bulk          | action line        | bulk API, action _index          |
        | bulk-path     | path               | bulk API, index in the path      |
        | bulk-path     | action line        | bulk under a path, action _index |
        | otlp          | query              | OTLP logs, ?index=               |
        | otlp          | resource attribute | OTLP logs, helios.index          |
        | loki          | query              | Loki push, ?index=               |
        | loki          | label              | Loki push, index label           |

    @IDX-REJECT @doc
    Scenario Outline: <endpoint> naming no index writes to main, which is unlisted
      Given an ingest token for a fresh env limited to indexes "app-1"
      When a shipper sends 2 events to <endpoint> with the token as bearer
      Then the request is rejected
      And nothing is stored in the token's env under index "main"
      And the token's errors count has gone up

      Examples: every endpoint that has a default index
        | endpoint      | description   |
        | ingest        | ingest API    |
        | hec-event     | HEC event     |
        | hec-collector | HEC collector |
        | hec-raw       | HEC raw       |
        | bulk          | bulk API      |
        | otlp          | OTLP logs     |
        | loki          | Loki push     |

    @IDX-REJECT @doc
    Scenario Outline: <endpoint> batch whose second event names an unlisted index in the <place> is rejected
      Given an ingest token for a fresh env limited to indexes "app-1"
      When a shipper sends 3 events to <endpoint> with the token as bearer, only the second naming index "other-1" in the <place>
      Then the request is rejected
      And nothing is stored in the token's env under index "other-1"
      And the token's errors count has gone up

      Examples: endpoints that name the index per event
        | endpoint      | place              | description                 |
        | hec-event     | envelope           | HEC envelopes               |
        | hec-collector | envelope           | HEC envelopes on /collector |
        | bulk          | action line        | bulk action lines           |
        | bulk-path     | action line        | bulk action lines, path     |
        | otlp          | resource attribute | one OTLP resource per event |
        | loki          | label              | one Loki stream per event   |

  Rule: The reference answers an unlisted index with 403 and the error code index_not_allowed, and stores none of the batch

    @IDX-REJECT-CODE @profile
    Scenario: ingest API names the refused index in a 403
      Given an ingest token for a fresh env limited to indexes "app-1"
      When a shipper sends 2 events to ingest with the token as bearer, naming index "other-1" in the query
      Then the response status is 403
      And the response error code is "index_not_allowed"
      And the response error message mentions "other-1"

    @IDX-REJECT-CODE @profile
    Scenario Outline: <endpoint> batch with one unlisted index in the <place> is rejected whole
      Given an ingest token for a fresh env limited to indexes "app-1"
      When a shipper sends 3 events to <endpoint> with the token as bearer, only the second naming index "other-1" in the <place>
      Then the response status is 403
      And nothing is stored in the token's env under index "app-1"
      And nothing is stored in the token's env under index "other-1"

      Examples: endpoints that name the index per event
        | endpoint      | place              | description                 |
        | hec-event     | envelope           | HEC envelopes               |
        | hec-collector | envelope           | HEC envelopes on /collector |
        | bulk          | action line        | bulk action lines           |
        | bulk-path     | action line        | bulk action lines, path     |
        | otlp          | resource attribute | one OTLP resource per event |
        | loki          | label              | one Loki stream per event   |
