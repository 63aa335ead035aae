package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
An order id nobody has is a 404 problem.
'''
    request {
        method GET()
        url '/api/orders/999999'
    }
    response {
        status NOT_FOUND()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/not-found',
                title: 'Not found',
                status: 404,
                detail: 'Order 999999 does not exist',
                instance: '/api/orders/999999'
        )
    }
}
