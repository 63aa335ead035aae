package stock

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A body that breaks a validation rule (1 to 50 lines, product ids positive, quantities 1 to 1000) is a 400 problem naming
each invalid field, and nothing is reserved.
'''
    request {
        method PUT()
        url value(consumer(regex('/internal/stock/reservations/[1-9][0-9]*')),
                producer('/internal/stock/reservations/1000000001'))
        headers {
            contentType(applicationJson())
        }
        body(lines: [
                [productId: 1, quantity: 0]
        ])
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
                instance: '/internal/stock/reservations/1000000001',
                errors: [
                        [field: 'lines[0].quantity', message: 'must be greater than 0']
                ]
        )
        bodyMatchers {
            jsonPath('$.instance', byRegex('/internal/stock/reservations/[1-9][0-9]*'))
        }
    }
}
