package monolith

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
The monolith's pages read a user from user-service once user reads have left the monolith: the user's id, e-mail,
name and timestamps (ISO instants in UTC, at most microseconds, as PostgreSQL keeps them).
'''
    request {
        method GET()
        url '/api/users/42'
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                id: 42,
                email: 'ada@example.com',
                name: 'Ada Lovelace',
                createdAt: '2026-01-15T10:00:00.123456Z',
                updatedAt: '2026-01-15T10:00:00.123456Z'
        )
        bodyMatchers {
            jsonPath('$.createdAt', byRegex('[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'))
            jsonPath('$.updatedAt', byRegex('[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'))
        }
    }
}
