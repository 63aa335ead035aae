package monolith

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
The notifications capability is a switch, not a route: one mode, MONOLITH or SERVICE, that the monolith follows to
decide whether it still sends the e-mails itself (and stamps its events strangler-notified-by: monolith) or leaves
them to notification-service. Its record on migration.state has the mode at the top level and no reads, percent or
writes. Here the operator moved notifications to the service.
'''
    label 'notifications_moved_to_the_service'
    input {
        triggeredBy('notificationsMovedToTheService()')
    }
    outputMessage {
        sentTo 'migration.state'
        headers {
            // The record key, under the header name Spring Kafka maps to and from it (KafkaHeaders.KEY).
            header('kafka_messageKey', 'notifications')
            header('ce_specversion', '1.0')
            header('ce_type', 'migration.state.changed')
            header('ce_source', 'api-gateway')
            header('ce_subject', 'notifications')
            header('ce_id', value(consumer('9b2e4f6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b'), producer(regex(nonBlank()))))
        }
        body(
                capability: 'notifications',
                version: 3,
                mode: 'SERVICE',
                changeId: '9b2e4f6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
                changedAt: '2026-11-24T10:15:30.123456Z',
                changedBy: 'admin',
                history: [
                        [
                                capability: 'notifications',
                                version   : 3,
                                aspect    : 'mode',
                                from      : [mode: 'MONOLITH'],
                                to        : [mode: 'SERVICE'],
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
