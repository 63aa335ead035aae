package operator

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
The operator sends a quarter of the users' reads to user-service; the answer is the capability's new state, given
once this gateway routes by it.
'''
    request {
        method PUT()
        url '/admin/migration/users/reads'
        headers {
            header(authorization(), value(consumer(regex('Basic [A-Za-z0-9+/=]+')),
                    producer('Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==')))
            contentType(applicationJson())
        }
        body(mode: 'CANARY', percent: 25)
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                capability: 'users',
                service: 'user-service',
                reads: [mode: 'CANARY', percent: 25],
                writes: [mode: 'MONOLITH'],
                version: 3,
                changedAt: '2026-11-24T10:15:30.123456Z',
                changedBy: 'admin'
        )
        bodyMatchers {
            jsonPath('$.version', byType())
            jsonPath('$.changedAt', byRegex(iso8601WithOffset()))
        }
    }
}
