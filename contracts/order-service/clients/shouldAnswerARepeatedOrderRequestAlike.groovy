package clients

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
Idempotency-Key (ADR 0030): the producer's state holds an order placed with the key contract-repeat for this very
request (user 42, a Kettle and three Mugs, sent then as shouldPlaceAnOrder sends them), so this request places nothing
and answers what the first one answered: 201, the same Location and the same order. Line order, spacing and field
order do not make it another request.
'''
    request {
        method POST()
        url '/api/orders'
        headers {
            contentType(applicationJson())
            header('Idempotency-Key', 'contract-repeat')
        }
        body(lines: [
                [quantity: 1, productId: 7],
                [quantity: 3, productId: 9]
        ], userId: 42)
    }
    response {
        status CREATED()
        headers {
            contentType(applicationJson())
            header(location(), value(consumer('http://localhost:8080/api/orders/1000000001'),
                    producer(regex('http://[^/]+/api/orders/[0-9]+'))))
        }
        body(
                id: 1000000001,
                userId: 42,
                status: 'PLACED',
                lines: [
                        [productId: 7, sku: 'KET-001', name: 'Kettle', quantity: 1, unitPrice: 24.90, lineTotal: 24.90],
                        [productId: 9, sku: 'MUG-001', name: 'Mug', quantity: 3, unitPrice: 7.50, lineTotal: 22.50]
                ],
                total: 47.40,
                createdAt: '2026-11-24T10:15:30.123456Z'
        )
        bodyMatchers {
            jsonPath('$.id', byRegex('[1-9][0-9]*'))
            jsonPath('$.lines[0].unitPrice', byRegex('24\\.90?'))
            jsonPath('$.lines[0].lineTotal', byRegex('24\\.90?'))
            jsonPath('$.lines[1].unitPrice', byRegex('7\\.50?'))
            jsonPath('$.lines[1].lineTotal', byRegex('22\\.50?'))
            jsonPath('$.total', byRegex('47\\.40?'))
            jsonPath('$.createdAt', byRegex(instant))
        }
    }
}
