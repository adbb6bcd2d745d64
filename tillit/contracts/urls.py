from django.urls import path

from tillit.contracts import views

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="contract_list"),
    path("nytt/", views.contract_new, name="contract_new"),
    path("<int:pk>/", views.contract_detail, name="contract_detail"),
    path("<int:pk>/delning/", views.contract_sharing, name="contract_sharing"),
    path("uppfoljning/ny/", views.follow_up_new, name="follow_up_new"),
    path("uppfoljning/<int:pk>/", views.follow_up_detail, name="follow_up_detail"),
    path("uppfoljning/<int:pk>/krav/<int:item_pk>/", views.finding_save, name="finding_save"),
    path("uppfoljning/<int:pk>/steg/<slug:code>/", views.follow_up_step, name="follow_up_step"),
    path("uppfoljning/<int:pk>/brist/<int:finding_pk>/atgard/", views.measure_new, name="measure_new"),
    path("atgard/<int:pk>/svar/", views.measure_answer_view, name="measure_answer"),
    path("atgard/<int:pk>/bedomning/", views.measure_judge_view, name="measure_judge"),
]
