package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
Changing a user that does not exist is a 404 problem; nothing is created.
'''
    request {
        method PUT()
        url '/api/users/999999'
        headers {
            contentType(applicationJson())
        }
        body(email: 'ghost@example.com', name: 'Ghost')
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
                detail: 'User 999999 does not exist',
                instance: '/api/users/999999'
        )
    }
}
