package operator

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
Notifications is one switch, MONOLITH or SERVICE, with no reads and writes: the operator hands the e-mails to
notification-service (registered in discovery) with one call, and the answer is the capability's new state, given
once this gateway has it.
'''
    request {
        method PUT()
        url '/admin/migration/notifications'
        headers {
            header(authorization(), value(consumer(regex('Basic [A-Za-z0-9+/=]+')),
                    producer('Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==')))
            contentType(applicationJson())
        }
        body(mode: 'SERVICE')
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                capability: 'notifications',
                service: 'notification-service',
                mode: 'SERVICE',
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
