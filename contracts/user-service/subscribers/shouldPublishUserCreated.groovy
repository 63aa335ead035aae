package subscribers

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
A registration is published on user.created (ADR 0012) once its transaction has committed: a CloudEvent in Kafka
binary mode (ce_* headers, JSON value) keyed by the user id, whose body is the user's whole state at version 0.
ce_source names whoever owned the write: user-service once it owns user writes, the monolith before.
'''
    label 'user_created'
    input {
        triggeredBy('userRegistered()')
    }
    outputMessage {
        sentTo 'user.created'
        headers {
            // The record key, under the header name Spring Kafka maps to and from it (KafkaHeaders.KEY).
            header('kafka_messageKey', value(consumer('1000000000'), producer(regex('[1-9][0-9]*'))))
            header('ce_specversion', '1.0')
            header('ce_type', 'user.created')
            header('ce_source', value(consumer('user-service'), producer(regex('monolith|user-service'))))
            header('ce_subject', value(consumer('1000000000'), producer(regex('[1-9][0-9]*'))))
            header('ce_id', value(consumer('0f5e8a3c-7d2b-4e91-a6c4-3b8d1f2e9a70'), producer(regex(uuid()))))
            header('ce_time', value(consumer('2026-11-24T10:15:30.123456Z'), producer(regex(iso8601WithOffset()))))
            header('content-type', 'application/json')
        }
        body(
                id: 1000000000,
                email: 'mary@example.com',
                name: 'Mary Shelley',
                createdAt: '2026-11-24T10:15:30.123456Z',
                updatedAt: '2026-11-24T10:15:30.123456Z',
                version: 0
        )
        bodyMatchers {
            jsonPath('$.id', byRegex('[1-9][0-9]*'))
            jsonPath('$.createdAt', byRegex(instant))
            jsonPath('$.updatedAt', byRegex(instant))
        }
    }
}
