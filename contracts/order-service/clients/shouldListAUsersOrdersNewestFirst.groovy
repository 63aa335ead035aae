package clients

import org.springframework.cloud.contract.spec.Contract

def instant = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z'

Contract.make {
    description '''
A user's orders are listed a page at a time, newest (highest id) first, with the page's number and size and the
totals.
'''
    request {
        method GET()
        urlPath('/api/users/42/orders') {
            queryParameters {
                parameter('page', '0')
                parameter('size', '1')
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
                        [id: 1002, userId: 42, status: 'PLACED',
                         lines: [[productId: 7, sku: 'KET-001', name: 'Kettle', quantity: 2, unitPrice: 24.90,
                                  lineTotal: 49.80]],
                         total: 49.80, createdAt: '2026-11-21T10:30:00Z']
                ],
                page: 0,
                size: 1,
                totalElements: 2,
                totalPages: 2
        )
        bodyMatchers {
            // Exactly the page's size (a matcher on $.content replaces the checks of its elements).
            jsonPath('$.content', byType { occurrence(1) })
            jsonPath('$.content[0].id', byEquality())
            jsonPath('$.content[0].userId', byEquality())
            jsonPath('$.content[0].status', byEquality())
            jsonPath('$.content[0].lines', byType { occurrence(1) })
            jsonPath('$.content[0].lines[0].productId', byEquality())
            jsonPath('$.content[0].lines[0].quantity', byEquality())
            jsonPath('$.content[0].lines[0].unitPrice', byRegex('24\\.90?'))
            jsonPath('$.content[0].lines[0].lineTotal', byRegex('49\\.80?'))
            jsonPath('$.content[0].total', byRegex('49\\.80?'))
            jsonPath('$.content[0].createdAt', byRegex(instant))
        }
    }
}
