package operator

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
The admin API answers no one without HTTP Basic credentials: a 401 problem and a WWW-Authenticate challenge.
'''
    // Below the stub of the same request with credentials, which must win when a consumer sends them.
    priority 10
    request {
        method GET()
        url '/admin/migration'
    }
    response {
        status UNAUTHORIZED()
        headers {
            contentType('application/problem+json')
            header('WWW-Authenticate', value(consumer('Basic realm="strangler-admin"'), producer(regex('Basic realm=.+'))))
        }
        body(
                type: 'https://strangler.dev/problems/unauthenticated',
                title: 'Unauthenticated',
                status: 401,
                detail: 'The admin API needs HTTP Basic credentials (STRANGLER_ADMIN_USER / STRANGLER_ADMIN_PASSWORD)'
        )
        bodyMatchers {
            jsonPath('$.detail', byRegex('.*HTTP Basic credentials.*'))
        }
    }
}
