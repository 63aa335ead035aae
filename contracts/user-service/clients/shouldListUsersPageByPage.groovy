package clients

import org.springframework.cloud.contract.spec.Contract

// ISO 8601 instants in UTC with at most microseconds: what PostgreSQL keeps, so a write's answer reads back the same.
def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
Users are listed a page at a time, ordered by id, with the page's number and size and the totals.
'''
    request {
        method GET()
        urlPath('/api/users') {
            queryParameters {
                parameter('page', '0')
                parameter('size', '2')
            }
        }
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                content: [
                        [id: 42, email: 'ada@example.com', name: 'Ada Lovelace',
                         createdAt: '2026-01-15T10:00:00.123456Z', updatedAt: '2026-01-15T10:00:00.123456Z'],
                        [id: 43, email: 'grace@example.com', name: 'Grace Hopper',
                         createdAt: '2026-01-16T11:30:00Z', updatedAt: '2026-02-01T09:00:00.5Z']
                ],
                page: 0,
                size: 2,
                totalElements: 3,
                totalPages: 2
        )
        bodyMatchers {
            // Exactly the page's size, in id order (a matcher on $.content replaces the checks of its elements).
            jsonPath('$.content', byType { occurrence(2) })
            jsonPath('$.content[0].id', byEquality())
            jsonPath('$.content[0].email', byEquality())
            jsonPath('$.content[0].name', byEquality())
            jsonPath('$.content[1].id', byEquality())
            jsonPath('$.content[1].email', byEquality())
            jsonPath('$.content[1].name', byEquality())
            jsonPath('$.content[0].createdAt', byRegex(instant))
            jsonPath('$.content[0].updatedAt', byRegex(instant))
            jsonPath('$.content[1].createdAt', byRegex(instant))
            jsonPath('$.content[1].updatedAt', byRegex(instant))
        }
    }
}
