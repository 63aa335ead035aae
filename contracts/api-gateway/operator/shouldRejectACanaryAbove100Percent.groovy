package operator

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A canary percent outside 0-100 is not a setting at all: 400 problem, and nothing changes.
'''
    request {
        method PUT()
        url '/admin/migration/users/reads'
        headers {
            header(authorization(), value(consumer(regex('Basic [A-Za-z0-9+/=]+')),
                    producer('Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==')))
            contentType(applicationJson())
        }
        body(mode: 'CANARY', percent: 150)
    }
    response {
        status BAD_REQUEST()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/invalid-setting',
                title: 'Invalid setting',
                status: 400,
                detail: 'percent must be between 0 and 100, not 150'
        )
        bodyMatchers {
            jsonPath('$.detail', byRegex('.*between 0 and 100.*'))
        }
    }
}
