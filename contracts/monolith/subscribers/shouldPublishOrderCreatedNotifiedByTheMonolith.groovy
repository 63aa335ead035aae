package subscribers

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
The same order.created, placed while the monolith still sends e-mail (the notifications capability is MONOLITH,
or the monolith has not read it yet): it already sent the confirmation inside the order's transaction and says so with
strangler-notified-by: monolith. notification-service records what it would have sent and sends nothing (ADR 0025).
'''
    label 'order_created_notified_by_monolith'
    input {
        triggeredBy('orderPlacedWhileTheMonolithSendsEmail()')
    }
    outputMessage {
        sentTo 'order.created'
        headers {
            // The record key, under the header name Spring Kafka maps to and from it (KafkaHeaders.KEY).
            header('kafka_messageKey', value(consumer('1001'), producer(regex('[1-9][0-9]*'))))
            header('ce_specversion', '1.0')
            header('ce_type', 'order.created')
            header('ce_source', 'monolith')
            header('ce_subject', value(consumer('1001'), producer(regex('[1-9][0-9]*'))))
            header('ce_id', value(consumer('2d8f6a1c-3b5e-4f70-9a2b-c4d6e8f0a1b3'), producer(regex(uuid()))))
            header('ce_time', value(consumer('2026-11-24T10:15:30.123456Z'), producer(regex(iso8601WithOffset()))))
            header('content-type', 'application/json')
            header('strangler-notified-by', 'monolith')
        }
        body(
                id: 1001,
                userId: 42,
                status: 'PLACED',
                lines: [
                        [productId: 7, sku: 'KET-001', name: 'Kettle', quantity: 1, unitPrice: 24.90, lineTotal: 24.90],
                        [productId: 9, sku: 'MUG-001', name: 'Mug', quantity: 3, unitPrice: 7.50, lineTotal: 22.50]
                ],
                total: 47.40,
                createdAt: '2026-11-24T10:15:30.123456Z',
                version: 0
        )
        bodyMatchers {
            jsonPath('$.id', byRegex('[1-9][0-9]*'))
            jsonPath('$.createdAt', byRegex(instant))
            // Amounts are decimals with two places on the wire (24.90); a JSON reader may drop the trailing zero.
            jsonPath('$.lines[0].unitPrice', byRegex('24\\.90?'))
            jsonPath('$.lines[0].lineTotal', byRegex('24\\.90?'))
            jsonPath('$.lines[1].unitPrice', byRegex('7\\.50?'))
            jsonPath('$.lines[1].lineTotal', byRegex('22\\.50?'))
            jsonPath('$.total', byRegex('47\\.40?'))
        }
    }
}
