package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A user the producer does not know is a 422 problem, and nothing is placed. order-service knows users from their events,
so its detail adds that the user may not have arrived yet (try again shortly); the detail starts alike on both.
'''
    request {
        method POST()
        url '/api/orders'
        headers {
            contentType(applicationJson())
        }
        body(userId: 999999, lines: [[productId: 7, quantity: 1]])
    }
    response {
        status UNPROCESSABLE_ENTITY()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/unknown-user',
                title: 'Unknown user',
                status: 422,
                detail: 'User 999999 does not exist',
                instance: '/api/orders'
        )
        bodyMatchers {
            jsonPath('$.detail', byRegex('User 999999 does not exist.*'))
        }
    }
}
