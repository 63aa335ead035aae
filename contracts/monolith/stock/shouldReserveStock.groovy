package stock

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
order-service reserves the stock of an order before it records it (ADR 0031): the reservation id is the order id it
allocated, and the idempotency key of the reservation. The monolith takes the stock in one transaction and answers the
lines priced at this moment, in product-id order, with the total: this is how order-service prices the order.
'''
    request {
        method PUT()
        // order-service allocates the id from its own sequence (1,000,000,000 up, ADR 0013): any id matches the stub.
        url value(consumer(regex('/internal/stock/reservations/[1-9][0-9]*')),
                producer('/internal/stock/reservations/1000000001'))
        headers {
            contentType(applicationJson())
        }
        body(lines: [
                [productId: 2, quantity: 3],
                [productId: 1, quantity: 1]
        ])
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                reservationId: 1000000001,
                status: 'RESERVED',
                lines: [
                        [productId: 1, sku: 'KET-001', name: 'Kettle', quantity: 1, unitPrice: 24.90, lineTotal: 24.90],
                        [productId: 2, sku: 'MUG-001', name: 'Mug', quantity: 3, unitPrice: 7.50, lineTotal: 22.50]
                ],
                total: 47.40
        )
        bodyMatchers {
            // Amounts are decimals with two places on the wire (24.90); a JSON reader may drop the trailing zero.
            jsonPath('$.lines[0].unitPrice', byRegex('24\\.90?'))
            jsonPath('$.lines[0].lineTotal', byRegex('24\\.90?'))
            jsonPath('$.lines[1].unitPrice', byRegex('7\\.50?'))
            jsonPath('$.lines[1].lineTotal', byRegex('22\\.50?'))
            jsonPath('$.total', byRegex('47\\.40?'))
        }
    }
}
