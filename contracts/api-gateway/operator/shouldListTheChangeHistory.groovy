package operator

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
The audit trail: every change of every capability, newest first, with who moved which side from what to what and
when (a switch such as notifications has one side, its mode).
'''
    request {
        method GET()
        url '/admin/migration/history'
        headers {
            header(authorization(), value(consumer(regex('Basic [A-Za-z0-9+/=]+')),
                    producer('Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==')))
        }
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body([
                [
                        capability: 'users',
                        version   : 2,
                        aspect    : 'reads',
                        from      : [mode: 'SHADOW'],
                        to        : [mode: 'MONOLITH'],
                        by        : 'admin',
                        at        : '2026-11-24T10:15:30.123456Z'
                ]
        ])
        bodyMatchers {
            jsonPath('$', byType { minOccurrence(1) })
            jsonPath('$[0].capability', byRegex('users|orders|notifications'))
            jsonPath('$[0].version', byType())
            jsonPath('$[0].aspect', byRegex('reads|writes|mode'))
            jsonPath('$[0].from.mode', byRegex('MONOLITH|SHADOW|CANARY|SERVICE'))
            jsonPath('$[0].to.mode', byRegex('MONOLITH|SHADOW|CANARY|SERVICE'))
            jsonPath('$[0].by', byRegex(nonBlank()))
            jsonPath('$[0].at', byRegex(iso8601WithOffset()))
        }
    }
}
