package stock

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
The reservation id is the idempotency key: a PUT repeated with the same lines (a retry after a timeout, a second
request racing the first) takes no stock again and answers exactly what the first one answered, prices included, even
if the catalog's prices changed since. Reservation 1000000902 was reserved with these lines before.
'''
    // Ahead of shouldReserveStock, whose URL pattern matches this id too.
    priority 1
    request {
        method PUT()
        url '/internal/stock/reservations/1000000902'
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
                reservationId: 1000000902,
                status: 'RESERVED',
                lines: [
                        [productId: 1, sku: 'KET-001', name: 'Kettle', quantity: 1, unitPrice: 24.90, lineTotal: 24.90],
                        [productId: 2, sku: 'MUG-001', name: 'Mug', quantity: 3, unitPrice: 7.50, lineTotal: 22.50]
                ],
                total: 47.40
        )
        bodyMatchers {
            jsonPath('$.lines[0].unitPrice', byRegex('24\\.90?'))
            jsonPath('$.lines[0].lineTotal', byRegex('24\\.90?'))
            jsonPath('$.lines[1].unitPrice', byRegex('7\\.50?'))
            jsonPath('$.lines[1].lineTotal', byRegex('22\\.50?'))
            jsonPath('$.total', byRegex('47\\.40?'))
        }
    }
}
