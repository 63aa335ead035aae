package clients

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
Registration answers 201 with the new user's Location and the user as stored: the e-mail lower-cased, the name
stripped, the id from the producer's own range.
'''
    request {
        method POST()
        url '/api/users'
        headers {
            contentType(applicationJson())
        }
        body(email: 'Mary@Example.COM', name: '  Mary Shelley  ')
    }
    response {
        status CREATED()
        headers {
            contentType(applicationJson())
            header(location(), value(consumer('http://localhost:8080/api/users/1000000000'),
                    producer(regex('http://[^/]+/api/users/[0-9]+'))))
        }
        body(
                id: 1000000000,
                email: 'mary@example.com',
                name: 'Mary Shelley',
                createdAt: '2026-11-24T10:15:30.123456Z',
                updatedAt: '2026-11-24T10:15:30.123456Z'
        )
        bodyMatchers {
            jsonPath('$.id', byRegex('[1-9][0-9]*'))
            jsonPath('$.createdAt', byRegex(instant))
            jsonPath('$.updatedAt', byRegex(instant))
        }
    }
}
