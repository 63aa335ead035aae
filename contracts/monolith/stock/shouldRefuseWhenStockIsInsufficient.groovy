package stock

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
Not enough stock of a product is a 409 problem with the title and detail the monolith's own order refusal has, so
order-service can pass it on as it is. Nothing is taken and no reservation is kept: the same id may be tried again.
Product 3 (TEA-001) has no stock.
'''
    request {
        method PUT()
        url value(consumer(regex('/internal/stock/reservations/[1-9][0-9]*')),
                producer('/internal/stock/reservations/1000000001'))
        headers {
            contentType(applicationJson())
        }
        body(lines: [
                [productId: 3, quantity: 1]
        ])
    }
    response {
        status CONFLICT()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/insufficient-stock',
                title: 'Insufficient stock',
                status: 409,
                detail: 'Not enough stock left of product 3 (TEA-001)',
                instance: '/internal/stock/reservations/1000000001'
        )
        bodyMatchers {
            jsonPath('$.instance', byRegex('/internal/stock/reservations/[1-9][0-9]*'))
        }
    }
}
