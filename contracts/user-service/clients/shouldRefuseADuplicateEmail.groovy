package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
E-mail addresses are unique whatever their case: registering one that is taken is a 409 problem.
'''
    request {
        method POST()
        url '/api/users'
        headers {
            contentType(applicationJson())
        }
        body(email: 'GRACE@example.com', name: 'Another Grace')
    }
    response {
        status CONFLICT()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/duplicate-email',
                title: 'E-mail already registered',
                status: 409,
                detail: 'A user with e-mail grace@example.com already exists',
                instance: '/api/users'
        )
    }
}
