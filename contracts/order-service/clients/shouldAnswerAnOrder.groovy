package clients

import org.springframework.cloud.contract.spec.Contract

Contract.make {
    description '''
An order is shown with its lines at the prices it was placed at, each line's total and the order's total (EUR, two
decimals), and when it was placed (UTC, at most microseconds).
'''
    request {
        method GET()
        url '/api/orders/1001'
    }
    response {
        status OK()
        headers {
            contentType(applicationJson())
        }
        body(
                id: 1001,
                userId: 42,
                status: 'PLACED',
                lines: [
                        [productId: 7, sku: 'KET-001', name: 'Kettle', quantity: 1, unitPrice: 24.90, lineTotal: 24.90],
                        [productId: 9, sku: 'MUG-001', name: 'Mug', quantity: 3, unitPrice: 7.50, lineTotal: 22.50]
                ],
                total: 47.40,
                createdAt: '2026-11-20T09:00:00.123456Z'
        )
        bodyMatchers {
            // Exactly two lines, in the order they were placed (a matcher on $.lines replaces the checks of its elements).
            jsonPath('$.lines', byType { occurrence(2) })
            jsonPath('$.lines[0].productId', byEquality())
            jsonPath('$.lines[0].sku', byEquality())
            jsonPath('$.lines[0].name', byEquality())
            jsonPath('$.lines[0].quantity', byEquality())
            jsonPath('$.lines[1].productId', byEquality())
            jsonPath('$.lines[1].sku', byEquality())
            jsonPath('$.lines[1].name', byEquality())
            jsonPath('$.lines[1].quantity', byEquality())
            // Amounts are decimals with two places on the wire (24.90); a JSON reader may drop the trailing zero.
            jsonPath('$.lines[0].unitPrice', byRegex('24\\.90?'))
            jsonPath('$.lines[0].lineTotal', byRegex('24\\.90?'))
            jsonPath('$.lines[1].unitPrice', byRegex('7\\.50?'))
            jsonPath('$.lines[1].lineTotal', byRegex('22\\.50?'))
            jsonPath('$.total', byRegex('47\\.40?'))
        }
    }
}
