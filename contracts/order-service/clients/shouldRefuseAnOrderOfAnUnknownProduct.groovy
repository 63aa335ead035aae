package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A product the catalog does not have is a 422 problem, and nothing is placed.
'''
    request {
        method POST()
        url '/api/orders'
        headers {
            contentType(applicationJson())
        }
        body(userId: 42, lines: [[productId: 999, quantity: 1]])
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
                instance: '/api/orders'
        )
    }
}
