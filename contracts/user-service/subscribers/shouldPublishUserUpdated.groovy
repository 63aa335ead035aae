package subscribers

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
A change is published on user.updated (ADR 0012) once its transaction has committed, keyed by the user id, with the
user's whole state after the change and the row version it reached: here the first change of a new user, version 1.
Subscribers keep a user's highest version and ignore anything older.
'''
    label 'user_updated'
    input {
        triggeredBy('userChanged()')
    }
    outputMessage {
        sentTo 'user.updated'
        headers {
            header('kafka_messageKey', value(consumer('1000000000'), producer(regex('[1-9][0-9]*'))))
            header('ce_specversion', '1.0')
            header('ce_type', 'user.updated')
            header('ce_source', value(consumer('user-service'), producer(regex('monolith|user-service'))))
            header('ce_subject', value(consumer('1000000000'), producer(regex('[1-9][0-9]*'))))
            header('ce_id', value(consumer('5b1c9e47-2a8f-4d3e-b0c6-7e4a2d9f1c85'), producer(regex(uuid()))))
            header('ce_time', value(consumer('2026-11-24T10:20:00.654321Z'), producer(regex(iso8601WithOffset()))))
            header('content-type', 'application/json')
        }
        body(
                id: 1000000000,
                email: 'mary.shelley@example.com',
                name: 'Mary Wollstonecraft Shelley',
                createdAt: '2026-11-24T10:15:30.123456Z',
                updatedAt: '2026-11-24T10:20:00.654321Z',
                version: 1
        )
        bodyMatchers {
            jsonPath('$.id', byRegex('[1-9][0-9]*'))
            jsonPath('$.createdAt', byRegex(instant))
            jsonPath('$.updatedAt', byRegex(instant))
        }
    }
}
