package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
An order id is a number: anything else in its place is a 400 problem (Spring's own, which has no type of ours).
'''
    request {
        method GET()
        url '/api/orders/abc'
    }
    response {
        status BAD_REQUEST()
        headers {
            contentType('application/problem+json')
        }
        body(
                title: 'Bad Request',
                status: 400,
                detail: "Failed to convert 'id' with value: 'abc'",
                instance: '/api/orders/abc'
        )
    }
}
