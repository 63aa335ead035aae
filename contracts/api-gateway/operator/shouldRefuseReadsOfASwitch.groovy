package operator

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
A switch has no reads or writes to move: PUT /admin/migration/notifications/reads (or /writes) is a 404 problem that
names the call that does change it, and nothing changes.
'''
    request {
        method PUT()
        url '/admin/migration/notifications/reads'
        headers {
            header(authorization(), value(consumer(regex('Basic [A-Za-z0-9+/=]+')),
                    producer('Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==')))
            contentType(applicationJson())
        }
        body(mode: 'SERVICE')
    }
    response {
        status NOT_FOUND()
        headers {
            contentType('application/problem+json')
        }
        body(
                type: 'https://strangler.dev/problems/no-such-setting',
                title: 'No such setting',
                status: 404,
                detail: 'notifications has no reads: it is one switch, changed with PUT /admin/migration/notifications {"mode":"MONOLITH|SERVICE"}'
        )
        bodyMatchers {
            jsonPath('$.detail', byRegex('.*PUT /admin/migration/notifications .*'))
        }
    }
}
