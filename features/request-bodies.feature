Feature: Request bodies
  The reference stores a request whole or not at all. When one line or item
  of a body cannot be parsed, it rejects the whole request with 400, names
  the line or item that failed, and stores none of its events, not even the
  valid ones before the bad one. A body larger than the server's limit is
  rejected with 413; the reference's limit is 5 MiB (5,242,880 bytes).

  Rule: A malformed line rejects the whole request and names the line

    @ROBUST-BODY @profile
    Scenario: ingest API rejects a body whose second line is not JSON and names line 2
      Given an ingest token for a fresh env
      When a shipper sends 3 events to ingest with the token as bearer, the second of them malformed
      Then the response status is 400
      And the response error message mentions "line 2"
      And nothing is stored in the token's env

    @ROBUST-BODY @profile
    Scenario: ingest API rejects a body whose third line is a JSON array and names line 3
      Given an ingest token for a fresh env
      When a shipper sends 3 events to ingest with the token as bearer, the third of them a JSON array
      Then the response status is 400
      And the response error message mentions "line 3"
      And nothing is stored in the token's env

    @ROBUST-BODY @profile
    Scenario Outline: <endpoint> with a malformed second event stores nothing
      Given an ingest token for a fresh env
      When a shipper sends 3 events to <endpoint> with the token as bearer, the second of them malformed
      Then the response status is 400
      And nothing is stored in the token's env

      Examples: shims that parse JSON
        | endpoint      | description                           |
        | hec-event     | second HEC envelope cut off           |
        | hec-collector | second HEC envelope on /collector     |
        | bulk          | second bulk source line cut off       |
        | bulk-path     | second bulk source line, under path   |
        | otlp          | OTLP body cut off in the second event |
        | loki          | Loki body cut off in the second event |

  Rule: A body over the size limit is rejected with 413

    @ROBUST-BODY @profile
    Scenario Outline: <endpoint> answers 413 to a body just over 5 MiB
      Given an ingest token for a fresh env
      When a shipper sends 2 events to <endpoint> with the token as bearer in a body just over 5 MiB
      Then the response status is 413
      And nothing is stored in the token's env

      Examples: every endpoint
        | endpoint      | description       |
        | ingest        | ingest API        |
        | hec-event     | HEC event         |
        | hec-collector | HEC collector     |
        | hec-raw       | HEC raw           |
        | bulk          | bulk API          |
        | bulk-path     | bulk under a path |
        | otlp          | OTLP logs         |
        | loki          | Loki push         |

    @ROBUST-BODY @profile
    Scenario: ingest API stores a body just under 5 MiB
      Given an ingest token for a fresh env
      When a shipper sends 2 events to ingest with the token as bearer in a body just under 5 MiB
      Then the request is accepted
      And the events are stored in the token's env
