package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
Not enough stock of a product is a 409 problem naming it, and nothing is placed. Product 3 (TEA-001) has no stock.
'''
    request {
        method POST()
        url '/api/orders'
        headers {
            contentType(applicationJson())
        }
        body(userId: 42, lines: [[productId: 3, quantity: 1]])
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
                instance: '/api/orders'
        )
    }
}
