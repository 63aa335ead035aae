package monolith

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
Every change of a capability is published on the compacted migration.state topic as that capability's whole new
state (a CloudEvent in Kafka binary mode: ce_* headers, JSON value, keyed by capability), so the monolith can follow
where users' reads and writes go. Here the operator moved the users' reads to a 40% canary.
'''
    label 'users_reads_moved_to_canary'
    input {
        triggeredBy('usersReadsMovedToCanary()')
    }
    outputMessage {
        sentTo 'migration.state'
        headers {
            // The record key, under the header name Spring Kafka maps to and from it (KafkaHeaders.KEY).
            header('kafka_messageKey', 'users')
            header('ce_specversion', '1.0')
            header('ce_type', 'migration.state.changed')
            header('ce_source', 'api-gateway')
            header('ce_subject', 'users')
            header('ce_id', value(consumer('3f0d8c1e-5b7a-4c2e-9d41-2a6b8e9f0c17'), producer(regex(nonBlank()))))
        }
        body(
                capability: 'users',
                version: 7,
                reads: 'CANARY',
                percent: 40,
                writes: 'MONOLITH',
                changeId: '3f0d8c1e-5b7a-4c2e-9d41-2a6b8e9f0c17',
                changedAt: '2026-11-24T10:15:30.123456Z',
                changedBy: 'admin',
                history: [
                        [
                                capability: 'users',
                                version   : 7,
                                aspect    : 'reads',
                                from      : [mode: 'MONOLITH'],
                                to        : [mode: 'CANARY', percent: 40],
                                by        : 'admin',
                                at        : '2026-11-24T10:15:30.123456Z'
                        ]
                ]
        )
        bodyMatchers {
            jsonPath('$.version', byType())
            jsonPath('$.changeId', byRegex(uuid()))
            jsonPath('$.changedAt', byRegex(iso8601WithOffset()))
            jsonPath('$.history', byType { minOccurrence(1) })
        }
    }
}
