package subscribers

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
A placed order is published on order.created (ADR 0025) once its transaction has committed: a CloudEvent in Kafka
binary mode (ce_* headers, JSON value) keyed by the order id, whose body is the whole order as placed - the
GET /api/orders/{id} answer plus the row version, 0 for a new order. ce_source names whoever placed it: order-service
once it takes order writes, the monolith before. order-service never sends e-mail, so its events never carry
strangler-notified-by: notification-service sends the confirmation.
'''
    label 'order_created'
    input {
        triggeredBy('orderPlaced()')
    }
    outputMessage {
        sentTo 'order.created'
        headers {
            // The record key, under the header name Spring Kafka maps to and from it (KafkaHeaders.KEY).
            header('kafka_messageKey', value(consumer('1000000000'), producer(regex('[1-9][0-9]*'))))
            header('ce_specversion', '1.0')
            header('ce_type', 'order.created')
            header('ce_source', value(consumer('order-service'), producer(regex('monolith|order-service'))))
            header('ce_subject', value(consumer('1000000000'), producer(regex('[1-9][0-9]*'))))
            header('ce_id', value(consumer('5b2d7e41-8c3a-4f69-b0d2-6e1f4a9c3b85'), producer(regex(uuid()))))
            header('ce_time', value(consumer('2026-11-24T10:15:30.123456Z'), producer(regex(iso8601WithOffset()))))
            header('content-type', 'application/json')
        }
        body(
                id: 1000000000,
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
