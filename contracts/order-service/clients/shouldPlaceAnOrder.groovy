package clients

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
Placing an order answers 201 with its Location and the order as placed: lines in product-id order at the prices of the
moment (the monolith's catalog; order-service takes them from the stock reservation, ADR 0038), and their total. The
id comes from the producer's own range. Products 7 (Kettle, 24.90) and 9 (Mug, 7.50) have stock; user 42 exists.
'''
    request {
        method POST()
        url '/api/orders'
        headers {
            contentType(applicationJson())
        }
        body(userId: 42, lines: [
                [productId: 9, quantity: 3],
                [productId: 7, quantity: 1]
        ])
    }
    response {
        status CREATED()
        headers {
            contentType(applicationJson())
            header(location(), value(consumer('http://localhost:8080/api/orders/1000000000'),
                    producer(regex('http://[^/]+/api/orders/[0-9]+'))))
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
                createdAt: '2026-11-24T10:15:30.123456Z'
        )
        bodyMatchers {
            jsonPath('$.id', byRegex('[1-9][0-9]*'))
            // Amounts are decimals with two places on the wire (24.90); a JSON reader may drop the trailing zero.
            jsonPath('$.lines[0].unitPrice', byRegex('24\\.90?'))
            jsonPath('$.lines[0].lineTotal', byRegex('24\\.90?'))
            jsonPath('$.lines[1].unitPrice', byRegex('7\\.50?'))
            jsonPath('$.lines[1].lineTotal', byRegex('22\\.50?'))
            jsonPath('$.total', byRegex('47\\.40?'))
            jsonPath('$.createdAt', byRegex(instant))
        }
    }
}
