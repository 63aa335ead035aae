package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A change to an e-mail address another user has is a 409 problem, and the user keeps its own.
'''
    request {
        method PUT()
        url '/api/users/44'
        headers {
            contentType(applicationJson())
        }
        body(email: 'ada@example.com', name: 'Linus Torvalds')
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
                detail: 'A user with e-mail ada@example.com already exists',
                instance: '/api/users/44'
        )
    }
}
