package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A product on two lines is a 400 problem: its total quantity is given once. Nothing is placed.
'''
    request {
        method POST()
        url '/api/orders'
        headers {
            contentType(applicationJson())
        }
        body(userId: 42, lines: [
                [productId: 7, quantity: 1],
                [productId: 7, quantity: 2]
        ])
    }
    response {
        status BAD_REQUEST()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/repeated-product',
                title: 'Repeated product',
                status: 400,
                detail: 'Product 7 appears on more than one line; give its total quantity once',
                instance: '/api/orders'
        )
    }
}
