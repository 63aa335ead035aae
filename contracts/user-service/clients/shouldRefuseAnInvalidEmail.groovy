package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A body that breaks a validation rule is a 400 problem naming each invalid field, and nothing is stored.
'''
    request {
        method POST()
        url '/api/users'
        headers {
            contentType(applicationJson())
        }
        body(email: 'not-an-email', name: 'Nobody')
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
                instance: '/api/users',
                errors: [
                        [field: 'email', message: 'must be a well-formed email address']
                ]
        )
    }
}
