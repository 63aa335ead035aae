package operator

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
Writes move to the service only after its reads: while the users' reads are not on SERVICE, moving their writes
there is refused with a 409 problem that tells the operator what to do first.
'''
    request {
        method PUT()
        url '/admin/migration/users/writes'
        headers {
            header(authorization(), value(consumer(regex('Basic [A-Za-z0-9+/=]+')),
                    producer('Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==')))
            contentType(applicationJson())
        }
        body(mode: 'SERVICE')
    }
    response {
        status CONFLICT()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/transition-refused',
                title: 'Transition refused',
                status: 409,
                detail: 'Reads of users are on MONOLITH: move reads to SERVICE before writes, so that the service proves it can answer first'
        )
        bodyMatchers {
            jsonPath('$.detail', byRegex('.*move reads to SERVICE before writes.*'))
        }
    }
}
