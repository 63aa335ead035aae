package clients

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
A change replaces the e-mail and name (normalised as at registration) and answers the user as stored now.
'''
    request {
        method PUT()
        url '/api/users/42'
        headers {
            contentType(applicationJson())
        }
        body(email: 'Ada.King@Example.com', name: ' Ada King ')
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                id: 42,
                email: 'ada.king@example.com',
                name: 'Ada King',
                createdAt: '2026-01-15T10:00:00.123456Z',
                updatedAt: '2026-11-24T10:15:30.123456Z'
        )
        bodyMatchers {
            jsonPath('$.createdAt', byRegex(instant))
            jsonPath('$.updatedAt', byRegex(instant))
        }
    }
}
