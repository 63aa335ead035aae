package monolith

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A user the service does not hold (not replicated yet, or no such user) is a 404 problem, which the monolith's pages
answer from their local table without counting it as a failure of the service.
'''
    request {
        method GET()
        url '/api/users/999999'
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
