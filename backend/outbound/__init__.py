"""Every HTTP call to a third party: the SSRF guard, the one sender per process and its response reader.

The only package that imports HTTP client libraries; test calls, live calls and OAuth2 token requests all go
through ``Sender.send``, so what a test call sends is what a journey sends.
"""
