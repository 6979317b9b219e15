"""The SEN2 return (issue 16): the person-level file every local authority sends the DfE
each January. Pure modules (no Django): ``records`` (the return as plain values),
``spec`` (the elements and code lists, with where each comes from), ``xml_write`` and
``xml_read`` (streaming), ``validate`` (the rules). Django modules: ``export`` (a local
area's records as a return), ``load`` (a return into a local area's records), ``runs``
(what a page or command does, audited). ``docs/sen2.md`` says where each element and rule
comes from."""
