package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A body that breaks a validation rule (a user id, 1 to 50 lines, product ids positive, quantities 1 to 1000) is a 400
problem naming each invalid field, and nothing is placed.
'''
    request {
        method POST()
        url '/api/orders'
        headers {
            contentType(applicationJson())
        }
        body(userId: 42, lines: [[productId: 7, quantity: 0]])
    }
    response {
        status BAD_REQUEST()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/invalid-request',
                title: 'Invalid request',
                status: 400,
                detail: 'The request body has 1 invalid field(s)',
                instance: '/api/orders',
                errors: [
                        [field: 'lines[0].quantity', message: 'must be greater than 0']
                ]
        )
    }
}
