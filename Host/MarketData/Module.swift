// Module MarketData: sources arrive with issue 3.
