package operator

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
The operator reads where each capability's traffic goes: once the gateway has read its state from Kafka, every
migratable capability is listed with the service that takes it over, who answers its reads, who owns its writes,
and how many changes it has seen. A switch (notifications) has one mode instead of reads and writes.
'''
    request {
        method GET()
        url '/admin/migration'
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
        body(
                loaded: true,
                capabilities: [
                        users : [
                                capability: 'users',
                                service   : 'user-service',
                                reads     : [mode: 'MONOLITH'],
                                writes    : [mode: 'MONOLITH'],
                                version   : 2,
                                changedAt : '2026-11-24T10:15:30.123456Z',
                                changedBy : 'admin'
                        ],
                        orders: [
                                capability: 'orders',
                                service   : 'order-service',
                                reads     : [mode: 'MONOLITH'],
                                writes    : [mode: 'MONOLITH'],
                                version   : 2,
                                changedAt : '2026-11-24T10:15:30.123456Z',
                                changedBy : 'admin'
                        ],
                        notifications: [
                                capability: 'notifications',
                                service   : 'notification-service',
                                mode      : 'MONOLITH',
                                version   : 2,
                                changedAt : '2026-11-24T10:15:30.123456Z',
                                changedBy : 'admin'
                        ]
                ]
        )
        bodyMatchers {
            jsonPath('$.capabilities.users.version', byType())
            jsonPath('$.capabilities.users.changedAt', byRegex(iso8601WithOffset()))
            jsonPath('$.capabilities.orders.version', byType())
            jsonPath('$.capabilities.orders.changedAt', byRegex(iso8601WithOffset()))
            jsonPath('$.capabilities.notifications.version', byType())
            jsonPath('$.capabilities.notifications.changedAt', byRegex(iso8601WithOffset()))
        }
    }
}
