package stock

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A product the catalog does not have is a 422 problem with the title and detail of the monolith's own order refusal.
Nothing is taken and no reservation is kept.
'''
    request {
        method PUT()
        url value(consumer(regex('/internal/stock/reservations/[1-9][0-9]*')),
                producer('/internal/stock/reservations/1000000001'))
        headers {
            contentType(applicationJson())
        }
        body(lines: [
                [productId: 999, quantity: 1]
        ])
    }
    response {
        status UNPROCESSABLE_ENTITY()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/unknown-product',
                title: 'Unknown product',
                status: 422,
                detail: 'Product 999 does not exist',
                instance: '/internal/stock/reservations/1000000001'
        )
        bodyMatchers {
            jsonPath('$.instance', byRegex('/internal/stock/reservations/[1-9][0-9]*'))
        }
    }
}
